// A visit's findings: a score per indicator (0..4) with an optional note, and the weighted tension
// they add up to (0 calm .. 100 most tense) that the risk index reads.

import { UnprocessableError } from '@kelisim/service-kit/errors';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import { type Indicator, tensionOf } from './indicators.ts';

export type Finding = {
  indicator: string;
  score: number;
  /** Free text, so encrypted at rest (DESIGN.md §7). */
  note: EncryptedField | null;
};

/** Refuses findings on unknown or retired indicators, or on one indicator twice. */
export function checkFindings(findings: readonly Finding[], catalogue: readonly Indicator[]): void {
  const active = new Set(catalogue.filter((item) => item.active).map((item) => item.code));
  const unknown = findings.map((f) => f.indicator).filter((code) => !active.has(code));
  const seen = new Set<string>();
  const repeated = findings.map((f) => f.indicator).filter((code) => seen.has(code) || !seen.add(code));
  if (unknown.length > 0 || repeated.length > 0) {
    throw new UnprocessableError(
      'visit.findings_invalid',
      'Findings must score active indicators, each once.',
      {
        unknownIndicators: unknown,
        repeatedIndicators: repeated,
      },
    );
  }
}

/**
 * 100 × Σ(weight × tension) / Σ(weight) over the scored indicators. Unscored indicators do not
 * count: a visit that looked at three things is judged on those three.
 */
export function findingsScore(findings: readonly Finding[], catalogue: readonly Indicator[]): number {
  const byCode = new Map(catalogue.map((item) => [item.code, item]));
  let weighted = 0;
  let weights = 0;
  for (const finding of findings) {
    const indicator = byCode.get(finding.indicator);
    if (!indicator || indicator.weight === 0) continue;
    weighted += indicator.weight * tensionOf(indicator.direction, finding.score);
    weights += indicator.weight;
  }
  return weights === 0 ? 0 : Math.round((1000 * weighted) / weights) / 10;
}

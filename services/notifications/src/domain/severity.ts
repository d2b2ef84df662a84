// Severity order and the acknowledgement deadline each severity sets (DESIGN.md §5).
import { type AlertSeverity, alertSeverities } from '@kelisim/contracts/reference/alert-vocabulary';

export type AckDeadlines = Readonly<Record<AlertSeverity, number>>;

const minute = 60_000;

/** Defaults; the service reads its own from ACK_DEADLINES (config.ts). */
export const defaultAckDeadlines: AckDeadlines = {
  critical: 15 * minute,
  high: 60 * minute,
  medium: 4 * 60 * minute,
  low: 24 * 60 * minute,
};

export function atLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return alertSeverities.rank(severity) >= alertSeverities.rank(minimum);
}

export function maxSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return atLeast(a, b) ? a : b;
}

export function acknowledgeBy(raisedAt: Date, severity: AlertSeverity, deadlines: AckDeadlines): Date {
  return new Date(raisedAt.getTime() + deadlines[severity]);
}

/** `critical=15m,high=1h,medium=4h,low=24h` → milliseconds; missing severities keep defaults. */
export function parseAckDeadlines(text: string): AckDeadlines {
  const result: Record<AlertSeverity, number> = { ...defaultAckDeadlines };
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const match = /^(low|medium|high|critical)=(\d+)(ms|s|m|h)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not <severity>=<number><ms|s|m|h>`);
    const unit = { ms: 1, s: 1_000, m: minute, h: 60 * minute }[match[3] as 'ms' | 's' | 'm' | 'h'];
    result[match[1] as AlertSeverity] = Number(match[2]) * unit;
  }
  return result;
}

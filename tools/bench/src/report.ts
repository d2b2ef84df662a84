// The results of one run as a table and as JSON: every subject next to its baseline from the
// same run, the ratios, and the targets (issue 11) with whether each is met.
import type { BenchmarkName } from './args.ts';
import { ratio } from './stats.ts';

/** One load run against one route (autocannon) or one pipeline (Kafka). Latencies in ms. */
export type Run = {
  /** Completed requests (or messages) per second. */
  rate: number;
  p50: number;
  p99: number;
  /** Requests answered other than 2xx, plus connection errors and timeouts. */
  failures: number;
  /** The offered rate of a fixed-rate run; absent for a max-rate run. */
  offeredRate?: number;
  /** End to end only: p50/p99 until the API answered 201, the part of the latency before the relay. */
  accepted?: { p50: number; p99: number };
};

/** A subject and its baseline, each measured at max rate and at one fixed rate. */
export type Comparison = {
  name: BenchmarkName;
  subject: { label: string; max?: Run; fixed: Run };
  baseline: { label: string; max?: Run; fixed: Run };
};

export type Target =
  | { kind: 'throughput'; atLeast: number; text: string }
  | { kind: 'p99'; atMost: number; text: string };

export const targets: Partial<Record<BenchmarkName, Target>> = {
  registration: { kind: 'throughput', atLeast: 0.5, text: 'throughput ≥ 0.5× bare insert' },
  tracing: { kind: 'throughput', atLeast: 0.9, text: 'throughput ≥ 0.9× tracing off' },
  'read-by-id': { kind: 'throughput', atLeast: 0.8, text: 'throughput ≥ 0.8× bare findOne' },
  'end-to-end': { kind: 'p99', atMost: 10, text: 'p99 ≤ 10× raw Kafka ping p99' },
  pipeline: { kind: 'throughput', atLeast: 0.6, text: 'sustained ≥ 0.6× bare pipeline' },
  inbox: { kind: 'p99', atMost: 10, text: 'p99 ≤ 10× raw Kafka ping p99' },
};

export type Ratios = { throughput: number; p50: number; p99: number };

export type Verdict = { target: string; met: boolean | null };

export function ratiosOf(comparison: Comparison): Ratios {
  const { subject, baseline } = comparison;
  return {
    throughput: ratio(subject.max?.rate ?? Number.NaN, baseline.max?.rate ?? Number.NaN),
    p50: ratio(subject.fixed.p50, baseline.fixed.p50),
    p99: ratio(subject.fixed.p99, baseline.fixed.p99),
  };
}

export function verdictOf(name: BenchmarkName, ratios: Ratios): Verdict {
  const target = targets[name];
  if (!target) return { target: '(none)', met: null };
  const value = target.kind === 'throughput' ? ratios.throughput : ratios.p99;
  if (Number.isNaN(value)) return { target: target.text, met: null };
  return {
    target: target.text,
    met: target.kind === 'throughput' ? value >= target.atLeast : value <= target.atMost,
  };
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

function runCells(label: string, run: { max?: Run; fixed: Run }): string[] {
  const achieved = `${fixed(run.fixed.rate, 0)}/${fixed(run.fixed.offeredRate, 0)}`;
  const failures = (run.max?.failures ?? 0) + run.fixed.failures;
  return [
    label,
    fixed(run.max?.rate, 0),
    achieved,
    fixed(run.fixed.p50, 1),
    fixed(run.fixed.p99, 1),
    String(failures),
  ];
}

export const tableHeaders = [
  'benchmark',
  'subject',
  'max/s',
  'fixed: done/offered per s',
  'p50 ms',
  'p99 ms',
  'failures',
  'ratio thr',
  'ratio p50',
  'ratio p99',
  'target',
  'met',
];

export function tableRows(comparisons: readonly Comparison[]): string[][] {
  return comparisons.flatMap((comparison) => {
    const ratios = ratiosOf(comparison);
    const verdict = verdictOf(comparison.name, ratios);
    const met = verdict.met === null ? '–' : verdict.met ? 'yes' : 'NO';
    return [
      [comparison.name, ...runCells(comparison.baseline.label, comparison.baseline), '', '', '', '', ''],
      [
        '',
        ...runCells(comparison.subject.label, comparison.subject),
        fixed(ratios.throughput, 2),
        fixed(ratios.p50, 2),
        fixed(ratios.p99, 2),
        verdict.target,
        met,
      ],
    ];
  });
}

/** Plain text columns, padded to the widest cell. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The JSON written for each benchmark: its runs, ratios and verdict. */
export function resultDocument<T extends Record<string, unknown>>(comparison: Comparison, context: T) {
  const ratios = ratiosOf(comparison);
  return { ...context, ...comparison, ratios, verdict: verdictOf(comparison.name, ratios) };
}

// The growth benchmark's figures: each operation's latency at each number of existing cases, and
// whether the p99 at the largest size stays within 1.5× the p99 at the smallest (issue 21).
import { percentile, ratio } from './stats.ts';

export const growthOps = [
  'registration',
  'read-by-id',
  'list-page',
  'duplicate-check',
  'follow-up-sweep',
  'escalation-sweep',
  'case-event-consumer',
] as const;
export type GrowthOp = (typeof growthOps)[number];

/** The target: p99 at the largest size at most this many times the p99 at the smallest. */
export const growthTarget = 1.5;

/** One operation at one size: its latencies in ms, in the order measured. */
export type OpSamples = { op: GrowthOp; size: number; samples: readonly number[] };

export type OpFigures = { size: number; count: number; p50: number; p99: number };

export type GrowthRow = {
  op: GrowthOp;
  bySize: OpFigures[];
  /** p99 at the largest size over p99 at the smallest; NaN with fewer than two sizes. */
  p99Ratio: number;
  met: boolean | null;
};

/** `1000` → `1k`, `100000` → `100k`, `2500` → `2500`: database names and table headers. */
export function sizeLabel(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

export function figuresOf(samples: readonly number[], size: number): OpFigures {
  return { size, count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** One row per operation measured, its sizes in ascending order, and the largest/smallest p99. */
export function growthRows(measured: readonly OpSamples[]): GrowthRow[] {
  return growthOps.flatMap((op) => {
    const bySize = measured
      .filter((m) => m.op === op)
      .map((m) => figuresOf(m.samples, m.size))
      .sort((a, b) => a.size - b.size);
    if (bySize.length === 0) return [];
    const first = bySize[0] as OpFigures;
    const last = bySize.at(-1) as OpFigures;
    const p99Ratio = bySize.length < 2 ? Number.NaN : ratio(last.p99, first.p99);
    return [{ op, bySize, p99Ratio, met: Number.isNaN(p99Ratio) ? null : p99Ratio <= growthTarget }];
  });
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));

/**
 * Headers and cells for `formatTable`: per size `p50 / p99` in ms, then the ratio of the largest
 * size's p99 to the smallest's and the verdict against the target.
 */
export function growthTable(rows: readonly GrowthRow[]): { headers: string[]; cells: string[][] } {
  const sizes = [...new Set(rows.flatMap((row) => row.bySize.map((f) => f.size)))].sort((a, b) => a - b);
  const span =
    sizes.length < 2 ? '' : `${sizeLabel(sizes.at(-1) as number)}/${sizeLabel(sizes[0] as number)}`;
  const headers = [
    'operation',
    ...sizes.map((size) => `${sizeLabel(size)}: p50 / p99 ms`),
    `p99 ratio ${span}`.trimEnd(),
    `≤ ${growthTarget}×`,
  ];
  const cells = rows.map((row) => [
    row.op,
    ...sizes.map((size) => {
      const figures = row.bySize.find((f) => f.size === size);
      return figures ? `${ms(figures.p50)} / ${ms(figures.p99)}` : '–';
    }),
    Number.isNaN(row.p99Ratio) ? '–' : row.p99Ratio.toFixed(2),
    row.met === null ? '–' : row.met ? 'yes' : 'NO',
  ]);
  return { headers, cells };
}

/** Parses `--sizes 1000,10000,100000`: positive integers, ascending, no repeats. */
export function parseSizes(text: string | undefined): number[] {
  const sizes = (text ?? '').split(',').filter(Boolean).map(Number);
  const bad = sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000);
  if (bad) throw new Error(`--sizes wants whole numbers from 1 to 1000000, comma separated, not ${text}`);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

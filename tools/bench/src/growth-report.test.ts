import { describe, expect, it } from 'vitest';
import { growthRows, growthTable, parseSizes, sizeLabel } from './growth-report.ts';
import { formatTable } from './report.ts';

const ramp = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('growth rows', () => {
  it('gives each operation its p50 and p99 per size, smallest first, and the p99 ratio largest/smallest', () => {
    const rows = growthRows([
      { op: 'read-by-id', size: 100_000, samples: ramp(1, 100).map((ms) => ms * 1.4) },
      { op: 'read-by-id', size: 1_000, samples: ramp(1, 100) },
      { op: 'list-page', size: 1_000, samples: ramp(1, 100) },
      { op: 'list-page', size: 100_000, samples: ramp(1, 100).map((ms) => ms * 3) },
    ]);
    expect(rows.map((row) => row.op)).toEqual(['read-by-id', 'list-page']);
    const read = rows[0];
    expect(read?.bySize.map((f) => [f.size, f.count, f.p50, f.p99])).toEqual([
      [1_000, 100, 50, 99],
      [100_000, 100, 70, 99 * 1.4],
    ]);
    expect(read?.p99Ratio).toBeCloseTo(1.4);
    expect(read?.met).toBe(true);
    expect(rows[1]?.p99Ratio).toBeCloseTo(3);
    expect(rows[1]?.met).toBe(false);
  });

  it('meets the target at exactly 1.5×, and has no verdict with one size', () => {
    const [atBound] = growthRows([
      { op: 'registration', size: 10, samples: [2] },
      { op: 'registration', size: 20, samples: [3] },
    ]);
    expect(atBound?.met).toBe(true);
    const [single] = growthRows([{ op: 'registration', size: 10, samples: [2] }]);
    expect(single?.p99Ratio).toBeNaN();
    expect(single?.met).toBeNull();
  });
});

describe('growth table', () => {
  it('has a p50 / p99 column per size, the ratio and the verdict', () => {
    const rows = growthRows([
      { op: 'duplicate-check', size: 1_000, samples: [4, 8] },
      { op: 'duplicate-check', size: 10_000, samples: [5, 9] },
      { op: 'duplicate-check', size: 100_000, samples: [6, 40] },
    ]);
    const { headers, cells } = growthTable(rows);
    expect(headers).toEqual([
      'operation',
      '1k: p50 / p99 ms',
      '10k: p50 / p99 ms',
      '100k: p50 / p99 ms',
      'p99 ratio 100k/1k',
      '≤ 1.5×',
    ]);
    expect(cells).toEqual([['duplicate-check', '4.00 / 8.00', '5.00 / 9.00', '6.00 / 40.0', '5.00', 'NO']]);
    expect(formatTable(headers, cells).split('\n')).toHaveLength(3);
  });

  it('marks a size an operation was not measured at', () => {
    const rows = growthRows([
      { op: 'registration', size: 1_000, samples: [1] },
      { op: 'read-by-id', size: 2_000, samples: [1] },
    ]);
    expect(growthTable(rows).cells).toEqual([
      ['registration', '1.00 / 1.00', '–', '–', '–'],
      ['read-by-id', '–', '1.00 / 1.00', '–', '–'],
    ]);
  });
});

describe('sizes', () => {
  it('labels thousands with k', () => {
    expect([200, 1_000, 2_500, 10_000, 100_000].map(sizeLabel)).toEqual(['200', '1k', '2500', '10k', '100k']);
  });

  it('parses --sizes ascending without repeats, and refuses anything but whole positive numbers', () => {
    expect(parseSizes('100000,1000,10000,1000')).toEqual([1_000, 10_000, 100_000]);
    expect(() => parseSizes('')).toThrow(/--sizes/);
    expect(() => parseSizes('1000,ten')).toThrow(/--sizes/);
    expect(() => parseSizes('0')).toThrow(/--sizes/);
    expect(() => parseSizes('1.5')).toThrow(/--sizes/);
  });
});

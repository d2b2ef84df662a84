import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarise } from './stats.ts';

describe('percentile', () => {
  it('takes the nearest rank of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarise([]).max).toBeNaN();
  });

  it('summarises count, p50, p99 and max', () => {
    const samples = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(summarise(samples)).toEqual({ count: 200, p50: 100, p99: 198, max: 200 });
  });
});

describe('ratio', () => {
  it('divides by the baseline, NaN when there is none', () => {
    expect(ratio(75, 100)).toBe(0.75);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

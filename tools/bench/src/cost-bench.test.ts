import { describe, expect, it } from 'vitest';
import { heapGrowthMbPerMinute, isBounded, type MemorySample } from './cost-bench.ts';

const samples = (heaps: number[], everySeconds = 60): MemorySample[] =>
  heaps.map((heapUsedMb, i) => ({ atSeconds: i * everySeconds, heapUsedMb, rssMb: heapUsedMb * 2 }));

describe('memory growth', () => {
  it('a heap that only settles after warm-up does not grow', () => {
    const settled = samples([20, 60, 61, 60, 61, 60, 61, 60, 61, 60]);
    const slope = heapGrowthMbPerMinute(settled);
    expect(Math.abs(slope)).toBeLessThan(0.2);
    expect(isBounded(settled, slope)).toBe(true);
  });

  it('a heap that keeps growing a few MB a minute is unbounded', () => {
    const leaking = samples([60, 63, 66, 69, 72, 75, 78, 81, 84, 87]);
    const slope = heapGrowthMbPerMinute(leaking);
    expect(slope).toBeCloseTo(3, 5);
    expect(isBounded(leaking, slope)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { highestSustained, isSustained } from './kafka-bench.ts';
import type { Run } from './report.ts';

// A pipeline that keeps up to `capacity` a second, with a queue beyond it.
const pipelineOf =
  (capacity: number) =>
  async (rate: number): Promise<Run> => ({
    rate: Math.min(rate, capacity),
    p50: rate <= capacity ? 20 : 4_000,
    p99: rate <= capacity ? 80 : 9_000,
    failures: rate <= capacity ? 0 : Math.round(rate - capacity),
    offeredRate: rate,
  });

describe('the highest sustained rate', () => {
  it('doubles until a rate is not kept up with, then tries halfway', async () => {
    const { best, steps } = await highestSustained(pipelineOf(13), 2);
    expect(steps.map((run) => run.offeredRate)).toEqual([2, 4, 8, 16, 12]);
    expect(best?.offeredRate).toBe(12);
  });

  it('keeps the last good rate when halfway is not kept up with either', async () => {
    const { best } = await highestSustained(pipelineOf(9), 2);
    expect(best?.offeredRate).toBe(8);
  });

  it('is null when even the first rate is not kept up with', async () => {
    const { best, steps } = await highestSustained(pipelineOf(1), 2);
    expect(best).toBeNull();
    expect(steps).toHaveLength(1);
  });

  it('counts a slow p99 as not sustained even when everything arrived', () => {
    expect(isSustained({ rate: 5, p50: 900, p99: 2_500, failures: 0, offeredRate: 5 })).toBe(false);
    expect(isSustained({ rate: 5, p50: 10, p99: 150, failures: 0, offeredRate: 5 })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './retry-backoff.ts';

describe('delivery retry backoff', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const policy = { baseMs: 1_000, maxMs: 5_000, maxAttempts: 5 };

  it('doubles the wait after each failure, up to the cap', () => {
    const waits = [1, 2, 3, 4].map((n) => nextAttemptAt(n, now, policy)!.getTime() - now.getTime());
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it('gives up after the last attempt', () => {
    expect(nextAttemptAt(5, now, policy)).toBeNull();
  });
});

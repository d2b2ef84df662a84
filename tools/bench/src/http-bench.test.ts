import { describe, expect, it } from 'vitest';
import { combineRounds, roundsOf } from './http-bench.ts';

describe('max-rate runs in alternating rounds', () => {
  it('splits a run into rounds of two seconds at least, five at most', () => {
    expect(roundsOf(1)).toBe(1);
    expect(roundsOf(3)).toBe(1);
    expect(roundsOf(4)).toBe(2);
    expect(roundsOf(10)).toBe(5);
    expect(roundsOf(60)).toBe(5);
  });

  it('combines rounds into the mean rate, the median latencies and all failures', () => {
    const run = (rate: number, p50: number, p99: number, failures = 0) => ({ rate, p50, p99, failures });
    expect(combineRounds([run(100, 10, 50), run(300, 30, 90, 2), run(200, 20, 70)])).toEqual({
      rate: 200,
      p50: 20,
      p99: 70,
      failures: 2,
    });
    expect(combineRounds([run(100, 10, 50), run(200, 30, 90)])).toMatchObject({ p50: 20, p99: 70 });
  });
});

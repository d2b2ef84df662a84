import { describe, expect, it } from 'vitest';
import { faultName, schedule } from './faults.ts';

describe('the fault schedule', () => {
  it('holds one fault of each kind per round: kill -9 of each service, broker and database restarts, a pause and a SIGTERM', () => {
    const names = schedule(3000, 1).map((s) => faultName(s.fault));
    expect(names).toEqual([
      'kill -9 case-intake',
      'kill -9 mediator-training',
      'kill -9 regional-monitoring',
      'kill -9 notifications',
      'restart kafka',
      'SIGSTOP notifications 20s',
      'restart ferretdb',
      'SIGTERM case-intake',
    ]);
  });

  it('spreads five rounds evenly along the events, each round at its own point of the batch', () => {
    const plan = schedule(100_000, 5);
    expect(plan).toHaveLength(40);
    const thresholds = plan.map((s) => s.atEvents);
    expect(thresholds).toEqual([...thresholds].sort((a, b) => a - b));
    expect(thresholds[0]).toBeGreaterThan(0);
    expect(thresholds.at(-1)).toBeLessThan(100_000);
    expect(new Set(plan.map((s) => s.delayMs)).size).toBe(5);
    expect(new Set(plan.filter((s) => s.fault.kind === 'sigterm').map((s) => faultName(s.fault))).size).toBe(
      4,
    );
  });
});

import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restAfter, startIntervalJob } from './interval-job.ts';

const logger = pino({ level: 'silent' });

describe('interval jobs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a fast run waits out the rest of its interval; a slow one rests nine times as long (a tenth of the time)', () => {
    expect(restAfter(100, 30_000, 0.1)).toBe(29_900);
    expect(restAfter(6_000, 30_000, 0.1)).toBe(54_000);
    expect(restAfter(40_000, 30_000, 0.1)).toBe(360_000);
  });

  it('runs one at a time, never stacked, and stop waits for the run in progress', async () => {
    vi.useFakeTimers();
    let active = 0;
    let most = 0;
    let runs = 0;
    let finish: () => void = () => {};
    const job = startIntervalJob(
      'test',
      1_000,
      async () => {
        runs += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        active -= 1;
      },
      logger,
      { runAtStart: true },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000); // the run is still going: no second one
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(100_000);
    expect(runs).toBe(1);
    expect(most).toBe(1);
  });

  it('a failed run is retried at the next interval', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const job = startIntervalJob(
      'failing',
      1_000,
      async () => {
        runs += 1;
        throw new Error('store away');
      },
      logger,
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    await job.stop();
  });
});

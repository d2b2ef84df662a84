import { describe, expect, it } from 'vitest';
import { Pacer } from './api.ts';

describe('the pacer of the fault run’s writes', () => {
  it('spaces the starts of concurrent writes at the rate, whatever the number of clients', async () => {
    const pacer = new Pacer(100);
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        await pacer.turn();
        started.push(Date.now());
      }),
    );
    started.sort((a, b) => a - b);
    // Eight starts at 100 per second span 70 ms; unpaced they would span about none. Read on the
    // wall clock, in whole milliseconds, a timer can seem to fire a millisecond early, and the first
    // start is read a little after the pacer's own reading: a few ms of slack, no more.
    expect((started.at(-1) as number) - (started[0] as number)).toBeGreaterThanOrEqual(65);
  });

  it('does not pace at rate 0', async () => {
    const pacer = new Pacer(0);
    const before = Date.now();
    for (let i = 0; i < 1000; i++) await pacer.turn();
    expect(Date.now() - before).toBeLessThan(1000);
  });
});

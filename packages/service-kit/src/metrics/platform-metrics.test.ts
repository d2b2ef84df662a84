import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startIntervalJob } from '../interval-job.ts';
import { sampleOf } from '../testing/prometheus-text.ts';
import { waitFor } from '../testing/wait-for.ts';
import { ConsumerMeter } from './consumer-meter.ts';
import { platformMetrics } from './platform-metrics.ts';

const logger = pino({ level: 'silent' });

describe('the platform metrics', () => {
  it("time each run of a watched sweep and count its failures by the sweep's name", async () => {
    const registry = new Registry();
    let runs = 0;
    const job = startIntervalJob(
      'test-sweep',
      20,
      async () => {
        runs += 1;
        if (runs === 2) throw new Error('store unreachable');
      },
      logger,
      { runAtStart: true, busyShare: 0.9 },
    );
    platformMetrics(registry).watchJob(job);
    await waitFor(() => expect(runs).toBeGreaterThanOrEqual(3));
    await job.stop();
    const page = await registry.metrics();
    expect(sampleOf(page, 'kelisim_sweep_duration_seconds_count', { sweep: 'test-sweep' })).toBe(runs);
    expect(sampleOf(page, 'kelisim_sweep_failures_total', { sweep: 'test-sweep' })).toBe(1);
    expect(sampleOf(page, 'kelisim_sweep_runs_total', { sweep: 'test-sweep', outcome: 'failed' })).toBe(1);
    expect(sampleOf(page, 'kelisim_sweep_runs_total', { sweep: 'test-sweep', outcome: 'ran' })).toBe(
      runs - 1,
    );
    expect(sampleOf(page, 'kelisim_sweep_runs_total', { sweep: 'test-sweep', outcome: 'skipped' })).toBe(0);
  });

  it('add up the counts of every consumer a process started in its group, and report the lag of the running one', async () => {
    const registry = new Registry();
    const metrics = platformMetrics(registry);
    expect(platformMetrics(registry)).toBe(metrics);
    const first = new ConsumerMeter('notifications');
    first.counted('case.registered.v1', 'handled');
    first.behind('cases', 0, '10', '7');
    first.assigned({});
    const second = new ConsumerMeter('notifications');
    second.counted('case.registered.v1', 'handled');
    second.behind('cases', 0, '12', '12');
    metrics.watchConsumer(first);
    metrics.watchConsumer(second);
    const page = await registry.metrics();
    const labels = { group: 'notifications', type: 'case.registered.v1', outcome: 'handled' };
    expect(sampleOf(page, 'kelisim_consumer_events_total', labels)).toBe(2);
    expect(page.match(/^kelisim_consumer_lag_messages\{.*$/gm)).toEqual([
      'kelisim_consumer_lag_messages{group="notifications",topic="cases",partition="0"} 0',
    ]);
  });
});

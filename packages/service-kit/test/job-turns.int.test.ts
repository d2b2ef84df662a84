// Interval jobs taking turns against the real MongoDB-wire server (issue 28, docs/adr/0026): three
// instances of one job over one turns collection run it once per period between them; one
// instance alone runs every period; a store that refuses the claim does not stop the sweep.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntervalJob, type JobOutcome, startIntervalJob } from '../src/interval-job.ts';
import { JobTurns } from '../src/job-turns.ts';
import { connectMongo, nativeCollection } from '../src/mongo.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';

const logger = pino({ level: 'silent' });
const intervalMs = 600;
/** The services' clocks may be anywhere (a test's moved clock): the periods follow it. */
const clock = () => new Date(Date.now() + 7 * 86_400_000 + 123);
const periodNow = () => Math.floor(clock().getTime() / intervalMs);

describe('interval jobs taking turns', () => {
  let runtime: TestRuntime;
  const connections: Connection[] = [];

  beforeAll(async () => {
    runtime = await startTestRuntime('job-turns');
    // Each instance on a connection of its own, as separate processes would be.
    for (let i = 0; i < 3; i += 1)
      connections.push(await connectMongo({ url: runtime.infra.mongoUrl, dbName: runtime.infra.dbName }));
    // The collection exists, as it does after a service's first period: its creation is slow on
    // FerretDB, and a claim that ends in the next period would run there beside that period's own.
    await new JobTurns(runtime.connection, clock).claim('warm-up', intervalMs, logger);
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await runtime?.close();
  });

  /** Starts `name` on the given connections; each run records the period it ran in. */
  function startInstances(name: string, on: Connection[]) {
    const ran: Array<{ period: number; instance: number }> = [];
    const outcomes: JobOutcome[] = [];
    const jobs: IntervalJob[] = on.map((connection, instance) => {
      const job = startIntervalJob(
        name,
        intervalMs,
        async ({ period }) => {
          ran.push({ period: period ?? -1, instance });
          await sleep(20);
        },
        logger,
        // A run here is short beside the test's short period: the busy share must not stretch the rest.
        { runAtStart: true, busyShare: 0.9, turns: new JobTurns(connection, clock) },
      );
      job.onRun((_seconds, outcome) => outcomes.push(outcome));
      return job;
    });
    return { ran, outcomes, stop: () => Promise.all(jobs.map((job) => job.stop())) };
  }

  it('three instances of a job run it exactly once per period between them', async () => {
    const first = periodNow();
    const instances = startInstances('three-way', connections);
    await sleep(intervalMs * 6 + 100);
    await instances.stop();
    const last = periodNow();
    const periods = instances.ran.map((run) => run.period);
    expect(new Set(periods).size).toBe(periods.length); // never twice in a period
    // Every period from the first to the one before the stop had its run (a loaded machine may
    // fire the last tick too late to land before the stop).
    for (let period = first + 1; period < last - 1; period += 1) expect(periods).toContain(period);
    const count = (outcome: JobOutcome) => instances.outcomes.filter((o) => o === outcome).length;
    expect(count('ran')).toBe(periods.length);
    expect(count('skipped')).toBeGreaterThanOrEqual(periods.length); // the others tried and stood down
    expect(count('failed')).toBe(0);
  });

  it('one instance alone runs every period, and keeps only the last two turns', async () => {
    const first = periodNow();
    const instance = startInstances('alone', connections.slice(0, 1));
    await sleep(intervalMs * 5 + 100);
    await instance.stop();
    const last = periodNow();
    const periods = instance.ran.map((run) => run.period);
    expect(periods).toEqual(Array.from({ length: periods.length }, (_, i) => first + i));
    expect(periods[0]).toBeLessThanOrEqual(first + 1);
    expect(periods.length).toBeGreaterThanOrEqual(last - first - 1);
    expect(instance.outcomes.every((outcome) => outcome === 'ran')).toBe(true);
    const kept = await nativeCollection(runtime.connection, 'jobTurns').countDocuments({ job: 'alone' });
    expect(kept).toBeLessThanOrEqual(2);
  });

  it('runs anyway when the store refuses the claim (a missed sweep costs more than a doubled one)', async () => {
    const gone = await connectMongo({ url: runtime.infra.mongoUrl, dbName: runtime.infra.dbName });
    await gone.close();
    const turns = new JobTurns(gone, clock);
    expect((await turns.claim('store-away', intervalMs, logger)).turn).toBe('unknown');
    let runs = 0;
    const job = startIntervalJob(
      'store-away',
      intervalMs,
      async () => {
        runs += 1;
      },
      logger,
      { runAtStart: true, turns },
    );
    await sleep(50);
    await job.stop();
    expect(runs).toBe(1);
  });
});

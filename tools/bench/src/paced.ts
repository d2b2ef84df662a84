// A fixed-rate sender for the Kafka runs: the i-th message is due at start + i/rate and its
// latency counts from when it was due, not from when it went out, so a slow pipeline cannot
// hide behind a sender it slowed down (coordinated omission). Arrivals are matched by id.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Run } from './report.ts';
import { summarise } from './stats.ts';

export class Arrivals {
  private readonly due = new Map<string, number>();
  private readonly samples: number[] = [];
  private warm = false;

  /** Called by the consumer for every message it sees; unknown ids are ignored. */
  seen(id: string): void {
    if (id.startsWith('warm-')) {
      this.warm = true;
      return;
    }
    const dueAt = this.due.get(id);
    if (dueAt === undefined) return;
    this.samples.push(performance.now() - dueAt);
    this.due.delete(id);
  }

  expect(id: string, dueAt: number): void {
    this.due.set(id, dueAt);
  }

  get isWarm(): boolean {
    return this.warm;
  }

  get outstanding(): number {
    return this.due.size;
  }

  latencies(): number[] {
    return [...this.samples];
  }
}

export type Fire = (id: string) => Promise<void>;

/** Sends warm-up messages until the consumer sees one (its offsets are resolved), at most 30 s. */
export async function warmUp(arrivals: Arrivals, fire: Fire): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let i = 0; !arrivals.isWarm && Date.now() < deadline; i++) {
    await fire(`warm-${i}`).catch(() => {});
    await sleep(200);
  }
  if (!arrivals.isWarm) throw new Error('the consumer saw no warm-up message in 30 s');
}

export async function pacedRun(
  arrivals: Arrivals,
  fire: Fire,
  { rate, durationSeconds, runId }: { rate: number; durationSeconds: number; runId: string },
): Promise<Run> {
  const start = performance.now();
  const end = start + durationSeconds * 1_000;
  let failures = 0;
  const sends: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    const dueAt = start + (i * 1_000) / rate;
    if (dueAt >= end) break;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    const id = `${runId}-${i}`;
    arrivals.expect(id, dueAt);
    sends.push(fire(id).catch(() => void failures++));
  }
  await Promise.all(sends);
  // Whatever has not arrived 15 s after the last send counts as a failure.
  const deadline = performance.now() + 15_000;
  while (arrivals.outstanding > 0 && performance.now() < deadline) await sleep(50);
  const summary = summarise(arrivals.latencies());
  return {
    rate: summary.count / durationSeconds,
    p50: summary.p50,
    p99: summary.p99,
    failures: failures + arrivals.outstanding,
    offeredRate: rate,
  };
}

// Periodic jobs (the services' sweeps): one run at a time per process, a failed run logged and
// retried at the next, `stop` waiting for a run in progress. Several instances may run a job at
// once: each sweep is safe to run concurrently.
//
// A slow run pushes the next one back, so that a job takes at most `busyShare` of the time. A
// sweep filters on fields other than `_id`, which MongoDB answers from an index and FerretDB by
// scanning the collection (docs/adr/0007): a sweep such as case-intake's follow-up sweep or
// notifications' escalation sweep grows with its collection to seconds per pass, and at a pass
// every 30–60 s it would take the store from the writes and consumers that share it.
import type { Logger } from 'pino';

export type IntervalJob = {
  readonly name: string;
  stop: () => Promise<void>;
  /** Called after each run with its duration in seconds and whether it failed (the metrics'). */
  onRun: (listener: (seconds: number, failed: boolean) => void) => void;
};

export type IntervalJobOptions = {
  /** Run once at start rather than after the first interval. */
  runAtStart?: boolean;
  /** The largest share of time the job may take: a run of `t` ms is followed by `t × (1/share − 1)` of rest. */
  busyShare?: number;
};

export function startIntervalJob(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  logger: Logger,
  { runAtStart = false, busyShare = 0.1 }: IntervalJobOptions = {},
): IntervalJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const listeners: Array<(seconds: number, failed: boolean) => void> = [];
  const next = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };
  const tick = () => {
    const started = performance.now();
    let failed = false;
    running = run()
      .catch((error: unknown) => {
        failed = true;
        logger.warn({ err: error, job: name }, 'job failed; the next run retries');
      })
      .finally(() => {
        running = null;
        const took = performance.now() - started;
        for (const listener of listeners) listener(took / 1000, failed);
        next(restAfter(took, intervalMs, busyShare));
      });
  };
  next(runAtStart ? 0 : intervalMs);
  return {
    name,
    onRun: (listener) => {
      listeners.push(listener);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The wait after a run of `tookMs`: the rest of the interval, or longer when the run was slow. */
export function restAfter(tookMs: number, intervalMs: number, busyShare: number): number {
  return Math.max(intervalMs - tookMs, tookMs * (1 / busyShare - 1));
}

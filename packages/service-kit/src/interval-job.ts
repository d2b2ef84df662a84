// Periodic jobs (the services' sweeps): one run at a time per process, a failed run logged and
// retried at the next, `stop` waiting for a run in progress. Each sweep is safe to run on several
// instances at once; given `turns` (job-turns.ts, docs/adr/0026), the instances of a service take
// turns instead: each tries once per period, at its start, and only the first to claim it runs.
//
// A slow run pushes the next one back, so that a job takes at most `busyShare` of the time. A
// sweep filters on fields other than `_id`, which MongoDB answers from an index and FerretDB by
// scanning the collection (docs/adr/0007): a sweep such as case-intake's follow-up sweep or
// notifications' escalation sweep grows with its collection to seconds per pass, and at a pass
// every 30–60 s it would take the store from the writes and consumers that share it.
import type { Logger } from 'pino';
import type { JobTurns } from './job-turns.ts';

/** What became of one tick: the job `ran`, `failed`, or was `skipped` (another instance had the period's turn). */
export type JobOutcome = 'ran' | 'skipped' | 'failed';

export type IntervalJob = {
  readonly name: string;
  stop: () => Promise<void>;
  /** Called after each tick with its duration in seconds and its outcome (the metrics'). */
  onRun: (listener: (seconds: number, outcome: JobOutcome) => void) => void;
};

export type IntervalJobOptions = {
  /** Run once at start rather than after the first interval. */
  runAtStart?: boolean;
  /** The largest share of time the job may take: a run of `t` ms is followed by `t × (1/share − 1)` of rest. */
  busyShare?: number;
  /** Run once per period across the service's instances (the first to claim the period runs it). */
  turns?: JobTurns;
};

/** What a run is told: the period whose turn it holds, when the job takes turns. */
export type JobTick = { period?: number };

export function startIntervalJob(
  name: string,
  intervalMs: number,
  run: (tick: JobTick) => Promise<unknown>,
  logger: Logger,
  { runAtStart = false, busyShare = 0.1, turns }: IntervalJobOptions = {},
): IntervalJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  /** The last period this instance tried (with turns): the next tick aims at the one after. */
  let lastPeriod = turns?.periodOf(intervalMs) ?? 0;
  const listeners: Array<(seconds: number, outcome: JobOutcome) => void> = [];
  const next = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };
  /** With turns: the start of the period after the last one tried, at once when it has begun. */
  const untilNextTurn = (jobs: JobTurns) =>
    Math.min(Math.max(jobs.untilPeriod(lastPeriod + 1, intervalMs), 0), intervalMs) + turnMargin(intervalMs);
  const once = async (): Promise<JobOutcome> => {
    const tick: JobTick = {};
    if (turns) {
      const claimed = await turns.claim(name, intervalMs, logger);
      lastPeriod = claimed.period;
      if (claimed.turn === 'taken') return 'skipped';
      tick.period = claimed.period;
    }
    try {
      await run(tick);
      return 'ran';
    } catch (error) {
      logger.warn({ err: error, job: name }, 'job failed; the next run retries');
      return 'failed';
    }
  };
  const tick = () => {
    const started = performance.now();
    running = once().then((outcome) => {
      running = null;
      const took = performance.now() - started;
      for (const listener of listeners) listener(took / 1000, outcome);
      next(
        turns
          ? Math.max(slowRest(took, busyShare), untilNextTurn(turns))
          : restAfter(took, intervalMs, busyShare),
      );
    });
  };
  next(runAtStart ? 0 : turns ? untilNextTurn(turns) : intervalMs);
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
  return Math.max(intervalMs - tookMs, slowRest(tookMs, busyShare));
}

/** The rest that keeps a run of `tookMs` to `busyShare` of the time. */
function slowRest(tookMs: number, busyShare: number): number {
  return tookMs * (1 / busyShare - 1);
}

/**
 * How far into its period a job taking turns ticks: a timer that fires a little early by the
 * service's clock (its own is monotonic) still lands in the period it was set for.
 */
function turnMargin(intervalMs: number): number {
  return Math.min(intervalMs * 0.05, 1_000);
}

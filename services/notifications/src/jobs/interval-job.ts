// Runs a sweep every `intervalMs` until stopped, never two passes of one job at once in this
// process (several instances are fine: each sweep is safe to run concurrently).
import type { Logger } from 'pino';

export type IntervalJob = { stop: () => Promise<void> };

export function startIntervalJob(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  logger: Logger,
): IntervalJob {
  let current: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    // A pass slower than the interval is not stacked upon: the next tick after it runs again.
    if (stopped || current) return;
    current = run()
      .catch((error) => logger.error({ err: error, job: name }, 'job failed'))
      .finally(() => {
        current = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

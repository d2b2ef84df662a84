// Runs a job now and then every `intervalMs`, one run at a time per instance; `stop` waits for a
// run in progress. A failed run is logged and retried at the next tick.
import type { Logger } from 'pino';

export function schedule(
  name: string,
  job: () => Promise<unknown>,
  intervalMs: number,
  logger: Logger,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = job()
      .catch((error: unknown) =>
        logger.warn({ err: error, job: name }, 'job failed; will retry at the next tick'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

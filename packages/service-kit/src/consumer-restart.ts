// kafkajs gives up on a consumer for errors it deems not retriable, and a broker restart while
// the group is joining raises one (`KafkaJSGroupCoordinatorNotFound`, kafkajs#1466): the process
// would stay up, healthy to every probe, and never consume again. So every consumer of the kit
// (consumer.ts, broadcast-consumer.ts) starts itself again.
import type { Consumer } from 'kafkajs';
import pRetry from 'p-retry';
import type { Logger } from 'pino';

/**
 * Runs `begin` (connect, subscribe, run) again whenever kafkajs stops the consumer for good.
 * Call the returned `stopping` before disconnecting on purpose.
 */
export function restartOnCrash(
  consumer: Consumer,
  begin: () => Promise<void>,
  logger: Logger,
  groupId: string,
): { stopping: () => void } {
  let stopping = false;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || stopping) return;
    logger.error({ groupId, err: payload.error }, 'consumer: stopped by kafkajs; starting it again');
    void restartAfterCrash();
  });
  async function restartAfterCrash() {
    await pRetry(
      async () => {
        if (stopping) return;
        await consumer.disconnect().catch(() => {});
        await begin();
      },
      { forever: true, minTimeout: 1_000, maxTimeout: 10_000 },
    );
    if (!stopping) logger.warn({ groupId }, 'consumer: started again after a crash');
  }
  return {
    stopping: () => {
      stopping = true;
    },
  };
}

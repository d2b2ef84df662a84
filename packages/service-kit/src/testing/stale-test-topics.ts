// Test files make topics of their own (`t.<label>_<time><random>.`, test-infrastructure.ts) and
// leave them behind. On a broker that lives across runs (infra/local, a developer's machine) they
// pile up until the broker runs out of file handles (each partition keeps its segment files open;
// the limit here is 20,000). Each run removes the test topics of runs that began long before it,
// never those of a run that may still be going.
import { Kafka, logLevel } from 'kafkajs';

/** A run that began this long ago is over: the whole suite takes well under it. */
export const staleAfterMs = 3 * 60 * 60 * 1000;

/** When the run that made this test topic began, from its name; null for any other topic. */
export function testTopicCreatedAt(topic: string): Date | null {
  const unique = /^t\.[a-z0-9_]*_([0-9a-z]+)[0-9a-f]{6}\./.exec(topic)?.[1];
  if (!unique) return null;
  const at = Number.parseInt(unique, 36);
  return Number.isSafeInteger(at) ? new Date(at) : null;
}

/** Deletes the test topics older than `staleAfterMs`; returns how many. */
export async function removeStaleTestTopics(brokers: string[], now = Date.now()): Promise<number> {
  const admin = new Kafka({ clientId: 'kelisim-test-setup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((topic) => {
      const at = testTopicCreatedAt(topic);
      return at !== null && now - at.getTime() > staleAfterMs;
    });
    for (let i = 0; i < stale.length; i += 200) {
      await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 60_000 });
    }
    return stale.length;
  } finally {
    await admin.disconnect();
  }
}

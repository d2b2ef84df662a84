// After the last fault and the last write: how long until every consumer group has caught up with
// its topics and every commit log has published everything (DESIGN.md §4's relay).
import { setTimeout as sleep } from 'node:timers/promises';
import { topicName } from '@kelisim/contracts/topics';
import { type ServiceName, serviceNames } from '@kelisim/launcher/service-process';
import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import { consumerLag } from './bus-audit.ts';
import { consumersOf } from './service-processes.ts';

export type Backlog = { lag: number; unpublished: number; lagByService?: Record<string, number> };
export type BacklogSample = Backlog & { seconds: number; events: number };
export type Drain = { drained: boolean; seconds: number; last: Backlog };

export function topicsOf(service: ServiceName, prefix: string): string[] {
  return (Object.keys(consumersOf) as (keyof typeof consumersOf)[])
    .filter((family) => consumersOf[family].includes(service))
    .map((family) => topicName(prefix, family));
}

export async function backlog(
  kafka: Kafka,
  mongo: MongoClient,
  prefix: string,
  dbName: (service: ServiceName) => string,
): Promise<Backlog> {
  const admin = kafka.admin();
  await admin.connect();
  let lag = 0;
  const lagByService: Record<string, number> = {};
  try {
    for (const service of serviceNames) {
      const behind = await consumerLag(admin, `${prefix}${service}`, topicsOf(service, prefix));
      if (behind > 0) lagByService[service] = behind;
      lag += behind;
    }
  } finally {
    await admin.disconnect();
  }
  let unpublished = 0;
  for (const service of serviceNames) {
    const db = mongo.db(dbName(service));
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      // The outbox pointers (docs/adr/0004): small, as the relays delete them once published.
      // Not `published: false` on the commits, the kit's pre-outbox flag: the run's databases
      // are new, and on this store that filter scans every commit of the run, once a second,
      // which slowed the very drain it measured (100,000 events: ~100,000 documents a poll).
      if (name.endsWith('_outbox')) unpublished += await db.collection(name).countDocuments({});
    }
  }
  return { lag, unpublished, lagByService };
}

/** Polls until nothing is left, or `limitSeconds` pass; measured from `since`. */
export async function waitForDrain(
  measure: () => Promise<Backlog>,
  since: number,
  limitSeconds: number,
  progress: (line: string) => void = () => {},
): Promise<Drain> {
  let last: Backlog = { lag: -1, unpublished: -1 };
  for (let round = 0; ; round++) {
    if (round % 10 === 9)
      progress(
        `backlog: ${last.lag} messages of lag ${JSON.stringify(last.lagByService ?? {})}, ${last.unpublished} unpublished commits`,
      );
    try {
      last = await measure();
    } catch {
      // A broker or database still coming back: measure again.
    }
    const seconds = (Date.now() - since) / 1000;
    if (last.lag === 0 && last.unpublished === 0) return { drained: true, seconds, last };
    if (seconds > limitSeconds) return { drained: false, seconds, last };
    await sleep(1_000);
  }
}

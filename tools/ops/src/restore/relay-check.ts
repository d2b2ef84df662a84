// After a restore, the outbox holds the pointers the backup held: commits not yet published when
// the backup was taken. Some were published after it (the relay runs during the backup), and the
// relay would publish them a second time. This check drops every pointer whose commit's events
// are all on Kafka already; the rest the relay publishes as usual when the services start.
// Every service's database is checked: each `<name>_outbox` next to its `<name>_commits`.
import { type Commit, CommitLog, type OutboxEntry } from '@kelisim/service-kit/commit-log';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { eventIdsSince } from './topic-reader.ts';

export type RelayCheckReport = {
  databases: number;
  /** Pointers found in the restored outboxes (pointers to commits never written are left alone). */
  pointers: number;
  /** Of those, pointers to commits with events (the others only wait for the relay to remove them). */
  withEvents: number;
  /** Pointers dropped: every event of their commit is on Kafka. */
  alreadyOnKafka: number;
  /** Pointers kept: the relay publishes them. */
  toPublish: number;
  /** Messages read from Kafka to decide, and from when. */
  messagesRead: number;
  since: string | null;
};

type Pending = { log: CommitLog<object>; entry: OutboxEntry; commit: Commit<object> | undefined };

const systemDatabases = new Set(['admin', 'local', 'config']);
const idsPerQuery = 500;

async function pendingOf(connection: Connection): Promise<{ databases: number; pending: Pending[] }> {
  const client = connection.getClient();
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  const pending: Pending[] = [];
  let checked = 0;
  for (const { name } of databases) {
    if (systemDatabases.has(name)) continue;
    const collections = await client.db(name).listCollections({}, { nameOnly: true }).toArray();
    const outboxes = collections.map((c) => c.name).filter((c) => c.endsWith('_outbox'));
    if (outboxes.length > 0) checked += 1;
    for (const outbox of outboxes) {
      const log = new CommitLog<object>(
        connection.useDb(name, { useCache: true }),
        outbox.slice(0, -'_outbox'.length),
      );
      const entries = await log.outbox.find({}).toArray();
      for (let i = 0; i < entries.length; i += idsPerQuery) {
        const chunk = entries.slice(i, i + idsPerQuery);
        const commits = new Map((await log.commitsOf(chunk)).map((c) => [c._id, c]));
        for (const entry of chunk) pending.push({ log, entry, commit: commits.get(entry._id) });
      }
    }
  }
  return { databases: checked, pending };
}

/**
 * Whether the relay has nothing left to publish of a commit. One whose events reached Kafka in
 * part (a batch cut by a failure) is published again whole: consumers skip the event ids they
 * have processed. One without events is left to the relay, which only removes its pointer.
 */
export function allOnKafka(commit: Pick<Commit<unknown>, 'events'>, onKafka: ReadonlySet<string>): boolean {
  return commit.events.length > 0 && commit.events.every((event) => onKafka.has(event.id));
}

/**
 * `marginMs` covers the clocks of the instances that committed and published (a commit's time is
 * its instance's clock, a message's time its producer's).
 */
export async function dropPublishedPointers(
  connection: Connection,
  kafka: Kafka,
  topics: string[],
  marginMs: number,
): Promise<RelayCheckReport> {
  const { databases, pending } = await pendingOf(connection);
  const withCommits = pending.filter((p) => p.commit !== undefined && p.commit.events.length > 0);
  const report: RelayCheckReport = {
    databases,
    pointers: pending.length,
    withEvents: withCommits.length,
    alreadyOnKafka: 0,
    toPublish: pending.length,
    messagesRead: 0,
    since: null,
  };
  if (withCommits.length === 0) return report;
  // A commit's events are published after it was committed: nothing older can be one of them.
  const oldest = withCommits.reduce(
    (min, p) => Math.min(min, new Date(p.entry.committedAt).getTime()),
    Number.POSITIVE_INFINITY,
  );
  const since = new Date(oldest - marginMs);
  const onKafka = await eventIdsSince(kafka, topics, since);
  report.messagesRead = onKafka.messages;
  report.since = since.toISOString();
  const published = new Map<CommitLog<object>, string[]>();
  for (const { log, entry, commit } of withCommits) {
    if (!commit || !allOnKafka(commit, onKafka.ids)) continue;
    // The snapshot may have caught the commit before its read model was written (they are two
    // writes); the relay repairs that before publishing, and so must the pointer's removal.
    await log.repair(commit);
    published.set(log, [...(published.get(log) ?? []), entry._id]);
  }
  for (const [log, ids] of published) {
    await log.markPublished(ids);
    report.alreadyOnKafka += ids.length;
  }
  report.toPublish = pending.length - report.alreadyOnKafka;
  return report;
}

// The restore drill's books, read from the services' databases: outboxes drained, and every
// stream's read model at its last commit.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

export async function outboxesEmpty(db: Db): Promise<boolean> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections.filter((c) => c.name.endsWith('_outbox'))) {
    if ((await db.collection(name).countDocuments({})) > 0) return false;
  }
  return true;
}

/** Each stream's read model against its last commit, for every commit log of the database. */
export async function compareReadModels(db: Db): Promise<{ streams: number; mismatches: string[] }> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  let streams = 0;
  const mismatches: string[] = [];
  for (const commits of names.filter((n) => n.endsWith('_commits'))) {
    const log = commits.slice(0, -'_commits'.length);
    const last = new Map<string, number>();
    for (const c of await db
      .collection<{ streamId: string; version: number }>(commits)
      .find({}, { projection: { streamId: 1, version: 1 } })
      .toArray()) {
      last.set(c.streamId, Math.max(last.get(c.streamId) ?? 0, c.version));
    }
    const models = new Map(
      (
        await db
          .collection<{ _id: string; version: number }>(log)
          .find({}, { projection: { version: 1 } })
          .toArray()
      ).map((m) => [m._id, m.version]),
    );
    for (const [stream, version] of last) {
      streams += 1;
      const model = models.get(stream);
      if (model !== version)
        mismatches.push(`${db.databaseName}.${log}/${stream}: read model v${model}, last commit v${version}`);
    }
    for (const stream of models.keys()) {
      if (!last.has(stream))
        mismatches.push(`${db.databaseName}.${log}/${stream}: read model without commits`);
    }
  }
  return { streams, mismatches };
}

// Group commit against the real MongoDB-wire server: appends that arrive together are written
// together, and each one still succeeds or fails on its own, as if written alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, CommitLog, VersionConflictError } from '../src/commit-log.ts';
import { GroupCommit, GroupRead, insertEach } from '../src/group-commit.ts';
import { nativeCollection } from '../src/mongo.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

type State = { caseId: string; step: number };

describe('appends written in groups', () => {
  let runtime: TestRuntime;
  let log: CommitLog<State>;
  const handedOver: Commit<State>[] = [];

  beforeAll(async () => {
    runtime = await startTestRuntime('group-commit');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
    log.onCommitted((commit) => handedOver.push(commit));
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const append = (caseId: string, expectedVersion: number, step = expectedVersion + 1) =>
    log.append({
      streamId: caseId,
      expectedVersion,
      events: [caseRegisteredFixture(caseId)],
      state: { caseId, step },
      now: new Date(),
    });

  it('twenty appends at once are all written, each with its read model and pointer, each handed over once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `many-${i}`);
    await Promise.all(ids.map((id) => append(id, 0)));
    for (const id of ids) expect(await log.load(id)).toMatchObject({ caseId: id, step: 1, version: 1 });
    expect(await log.commits.countDocuments({ streamId: { $in: ids } })).toBe(20);
    expect(await log.outbox.countDocuments({ streamId: { $in: ids } })).toBe(20);
    expect(handedOver.filter((c) => ids.includes(c.streamId)).map((c) => c._id)).toHaveLength(20);
  });

  it('of five writers at one version in one group, one wins and four get a conflict; the others in the group are not affected', async () => {
    await append('contested', 0);
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, (_, i) => append('contested', 1, 10 + i)),
      append('bystander-1', 0),
      append('bystander-2', 0),
    ]);
    const contested = results.slice(0, 5);
    expect(contested.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of contested.filter((r) => r.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    }
    expect(results.slice(5).every((r) => r.status === 'fulfilled')).toBe(true);
    const winner = (await log.history('contested')).at(-1);
    expect(winner?.version).toBe(2);
    expect((await log.load('contested'))?.step).toBe(winner?.state.step);
  });

  it('insertEach answers the error of each document that failed, and inserts the rest', async () => {
    const things = nativeCollection<{ _id: string; n: number }>(runtime.connection, 'things');
    await things.insertOne({ _id: 'b', n: 0 });
    const errors = await insertEach(things, [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    expect(errors.map((error) => (error as { code?: number } | undefined)?.code)).toEqual([
      undefined,
      11000,
      undefined,
    ]);
    expect(await things.countDocuments({})).toBe(3);
  });

  it('what is submitted in one turn of the event loop goes in one write, each item failing on its own', async () => {
    const marks = nativeCollection<{ _id: string }>(runtime.connection, 'marks');
    await marks.insertOne({ _id: 'm-taken' });
    const writes: string[][] = [];
    const group = new GroupCommit<{ _id: string }>((items) => {
      writes.push(items.map((item) => item._id));
      return insertEach(marks, items);
    });
    const results = await Promise.allSettled(['m-1', 'm-taken', 'm-2'].map((_id) => group.submit({ _id })));
    expect(writes).toEqual([['m-1', 'm-taken', 'm-2']]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('concurrent reads by _id share one query, and each caller gets only what it asked for', async () => {
    const rows = nativeCollection<{ _id: string; n: number }>(runtime.connection, 'rows');
    await rows.insertMany([
      { _id: 'r-1', n: 1 },
      { _id: 'r-2', n: 2 },
      { _id: 'r-3', n: 3 },
    ]);
    let queries = 0;
    // The collection as GroupRead sees it, counting the queries it sends.
    const counted = new Proxy(rows, {
      get: (target, property, receiver) =>
        property === 'find'
          ? (...args: Parameters<typeof rows.find>) => {
              queries += 1;
              return target.find(...args);
            }
          : Reflect.get(target, property, receiver),
    });
    const reads = new GroupRead(counted);
    const [first, second, none] = await Promise.all([
      reads.find(['r-1', 'r-9']),
      reads.find(['r-2', 'r-3', 'r-1']),
      reads.find([]),
    ]);
    expect([...first.keys()]).toEqual(['r-1']);
    expect([...second.values()].map((row) => row.n).sort()).toEqual([1, 2, 3]);
    expect(none.size).toBe(0);
    expect(queries).toBe(1);
  });

  it('a read asked for after a write sees it, though the query sent before the write is still in flight', async () => {
    const rows = nativeCollection<{ _id: string; n: number }>(runtime.connection, 'gated');
    await rows.insertOne({ _id: 'g-1', n: 1 });
    let queries = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first query has read its rows but is held before answering, as a slow round trip would be.
    const gated = new Proxy(rows, {
      get: (target, property, receiver) =>
        property === 'find'
          ? (...args: Parameters<typeof rows.find>) => {
              queries += 1;
              const first = queries === 1;
              const cursor = target.find(...args);
              return {
                toArray: async () => {
                  const found = await cursor.toArray();
                  if (first) await gate;
                  return found;
                },
              };
            }
          : Reflect.get(target, property, receiver),
    });
    const reads = new GroupRead(gated);
    const earlier = reads.find(['g-1']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rows.updateOne({ _id: 'g-1' }, { $set: { n: 2 } });
    const later = reads.find(['g-1']);
    release();
    expect((await earlier).get('g-1')?.n).toBe(1);
    expect((await later).get('g-1')?.n).toBe(2);
    expect(queries).toBe(2);
  });

  it("a stream's load answers its read model, and null for a stream never written", async () => {
    await append('loaded', 0);
    const [loaded, missing] = await Promise.all([log.load('loaded'), log.load('never-written')]);
    expect(loaded).toMatchObject({ caseId: 'loaded', step: 1, version: 1 });
    expect(missing).toBeNull();
  });
});

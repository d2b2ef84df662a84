// Group commit against the real MongoDB-wire server: appends that arrive together are written
// together, and each one still succeeds or fails on its own, as if written alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, CommitLog, VersionConflictError } from '../src/commit-log.ts';
import { insertEach } from '../src/group-commit.ts';
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
});

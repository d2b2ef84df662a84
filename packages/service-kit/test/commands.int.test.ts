// The command pipeline and creations against the real MongoDB-wire server: what every write route
// of every service relies on for If-Match, lost races and Idempotency-Key.
import { newEventId } from '@kelisim/contracts/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Creations } from '../src/commands/creation.ts';
import type { Decision } from '../src/commands/decision.ts';
import { CommandRunner } from '../src/commands/run-command.ts';
import { CommitLog } from '../src/commit-log.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../src/errors.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

type Counter = { count: number };

describe('commands', () => {
  let runtime: TestRuntime;
  let runner: CommandRunner<Counter>;
  let creations: Creations<Counter>;
  let wakes = 0;
  const now = new Date('2026-06-01T10:00:00Z');
  const increment = (state: Counter): Decision<Counter> => ({
    state: { count: state.count + 1 },
    events: [caseRegisteredFixture('c')],
  });
  const create = (id: string) => ({ state: { count: 0 }, events: [caseRegisteredFixture(id)] });

  /** A counter at version 1, created without a key. */
  const newCounter = async () =>
    (await creations.create({ kind: 'counter', caller: 'u1', key: undefined, body: {}, now, decide: create }))
      .current;

  beforeAll(async () => {
    runtime = await startTestRuntime('commands');
    const log = new CommitLog<Counter>(runtime.connection, 'counters');
    await log.ensureIndexes();
    runner = new CommandRunner(log, { wake: () => wakes++ });
    creations = new Creations(runtime.connection, runner, newEventId);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('a command decides on the current state, commits at the next version and wakes the relay', async () => {
    const current = await newCounter();
    const before = wakes;
    const after = await runner.run({ id: current._id, now, decide: increment });
    expect(after).toMatchObject({ count: 1, version: 2 });
    expect(await runner.log.load(current._id)).toMatchObject({ count: 1, version: 2 });
    expect(wakes).toBe(before + 1);
  });

  it('a stale If-Match is refused with 412 and the current version, and changes nothing', async () => {
    const current = await newCounter();
    await runner.run({ id: current._id, now, decide: increment });
    const stale = runner.run({ id: current._id, expectedVersion: 1, now, decide: increment });
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(stale).rejects.toMatchObject({ extensions: { currentVersion: 2 } });
    expect(await runner.log.load(current._id)).toMatchObject({ count: 1, version: 2 });
  });

  it('concurrent commands without If-Match are each applied once: lost races are decided again', async () => {
    const current = await newCounter();
    await Promise.all(
      Array.from({ length: 4 }, () => runner.run({ id: current._id, now, decide: increment })),
    );
    expect(await runner.log.load(current._id)).toMatchObject({ count: 4, version: 5 });
  });

  it('a command that keeps losing its race is answered 409, and one pinned by If-Match 412', async () => {
    const current = await newCounter();
    // Another writer commits between every load and append of this command.
    const rival = new CommandRunner(runner.log, { wake: () => {} }, { maxAttempts: 2 });
    const racing = (expectedVersion?: number) =>
      rival.run({
        id: current._id,
        expectedVersion,
        now,
        decide: increment,
        beforeCommit: async () => {
          await runner.run({ id: current._id, now, decide: increment });
        },
      });
    await expect(racing()).rejects.toBeInstanceOf(ConflictError);
    const latest = await runner.log.load(current._id);
    await expect(racing(latest?.version)).rejects.toBeInstanceOf(PreconditionFailedError);
  });

  it('a state change without an event is committed like any other', async () => {
    const current = await newCounter();
    const quiet = (state: Counter): Decision<Counter> => ({ state: { count: state.count + 10 }, events: [] });
    const changed = await runner.run({ id: current._id, now, decide: quiet });
    expect(changed).toMatchObject({ count: 10, version: 2 });
    expect(await runner.log.load(current._id)).toMatchObject({ count: 10, version: 2 });
  });

  it('a decision without events writes nothing; an unknown id is a 404; authorise refuses before deciding', async () => {
    const current = await newCounter();
    const unchanged = await runner.run({ id: current._id, now, decide: (state) => ({ state, events: [] }) });
    expect(unchanged.version).toBe(1);
    expect(await runner.log.history(current._id)).toHaveLength(1);
    await expect(runner.run({ id: 'missing', now, decide: increment })).rejects.toBeInstanceOf(NotFoundError);
    let decided = false;
    const refused = runner.run({
      id: current._id,
      now,
      authorise: () => {
        throw new NotFoundError('No such counter.');
      },
      decide: (state) => {
        decided = true;
        return increment(state);
      },
    });
    await expect(refused).rejects.toBeInstanceOf(NotFoundError);
    expect(decided).toBe(false);
  });

  it('the same Idempotency-Key with the same body answers the first resource, marked replayed', async () => {
    const creation = { kind: 'counter', caller: 'u2', key: 'key-1', body: { a: 1 }, now, decide: create };
    const first = await creations.create(creation);
    const again = await creations.create(creation);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ current: first.current, replayed: true });
  });

  it('the same Idempotency-Key with another body is refused with 422 and creates nothing', async () => {
    await creations.create({
      kind: 'counter',
      caller: 'u3',
      key: 'key-1',
      body: { a: 1 },
      now,
      decide: create,
    });
    let decided = 0;
    const other = creations.create({
      kind: 'counter',
      caller: 'u3',
      key: 'key-1',
      body: { a: 2 },
      now,
      decide: (id) => {
        decided++;
        return create(id);
      },
    });
    await expect(other).rejects.toBeInstanceOf(UnprocessableError);
    await expect(other).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(decided).toBe(0);
  });

  it('keys are the caller’s own, and concurrent retries with one key create one resource', async () => {
    const mine = await creations.create({
      kind: 'counter',
      caller: 'u4',
      key: 'shared',
      body: {},
      now,
      decide: create,
    });
    const theirs = await creations.create({
      kind: 'counter',
      caller: 'u5',
      key: 'shared',
      body: {},
      now,
      decide: create,
    });
    expect(theirs.current._id).not.toBe(mine.current._id);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        creations.create({
          kind: 'counter',
          caller: 'u6',
          key: 'burst',
          body: { b: 1 },
          now,
          decide: create,
        }),
      ),
    );
    expect(new Set(retries.map((created) => created.current._id)).size).toBe(1);
    expect(retries.filter((created) => !created.replayed).length).toBeLessThanOrEqual(1);
  });

  describe('with the pointer written while deciding', () => {
    let early: Creations<Counter>;
    beforeAll(() => {
      early = new Creations(runtime.connection, runner, newEventId, { pointerWhileDeciding: true });
    });

    it('the pointer is there while the decision is made, and the commit lands under it once', async () => {
      let pointerWhileDeciding: unknown = null;
      const created = await early.create({
        kind: 'counter',
        caller: 'u7',
        key: undefined,
        body: {},
        now,
        decide: async (id) => {
          // The pointer's write runs alongside: by the time a lookup would be answered, it is in.
          await new Promise((resolve) => setTimeout(resolve, 200));
          pointerWhileDeciding = await runner.log.outbox.findOne({ _id: `${id}:1` });
          return create(id);
        },
      });
      expect(pointerWhileDeciding).toMatchObject({ streamId: created.current._id, version: 1 });
      expect(created).toMatchObject({ replayed: false, current: { count: 0, version: 1 } });
      expect(await runner.log.outbox.countDocuments({ streamId: created.current._id })).toBe(1);
      expect(await runner.log.history(created.current._id)).toHaveLength(1);
    });

    it('a decision that fails takes its pointer back when the id was its own; with a key the relay drops it later', async () => {
      let drawn = '';
      const refuse = (id: string): Decision<Counter> => {
        drawn = id;
        throw new UnprocessableError('refused', 'Refused.');
      };
      await expect(
        early.create({ kind: 'counter', caller: 'u8', key: undefined, body: {}, now, decide: refuse }),
      ).rejects.toBeInstanceOf(UnprocessableError);
      expect(await runner.log.outbox.countDocuments({ streamId: drawn })).toBe(0);
      await expect(
        early.create({ kind: 'counter', caller: 'u8', key: 'k-refused', body: {}, now, decide: refuse }),
      ).rejects.toBeInstanceOf(UnprocessableError);
      expect(await runner.log.outbox.countDocuments({ streamId: drawn })).toBe(1);
      expect(await runner.log.commits.countDocuments({ streamId: drawn })).toBe(0);
    });

    it('five retries with one key at once create one counter, with one pointer', async () => {
      const retries = await Promise.all(
        Array.from({ length: 5 }, () =>
          early.create({ kind: 'counter', caller: 'u9', key: 'burst', body: {}, now, decide: create }),
        ),
      );
      const ids = new Set(retries.map((created) => created.current._id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      expect(await runner.log.history(id as string)).toHaveLength(1);
      expect(await runner.log.outbox.countDocuments({ streamId: id })).toBe(1);
    });
  });
});

// The outbox pointers (docs/adr/0004) against the real broker and MongoDB-wire server: what a
// crash can leave behind — a pointer without its commit, a commit without its read model — is
// published or cleaned up by the relay's poll, never lost.
import { topicName } from '@kelisim/contracts/topics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Commit, CommitLog } from '../src/commit-log.ts';
import { OutboxRelay } from '../src/relay.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

type State = { caseId: string; step: number };

describe('the outbox: commits still to publish, and nothing else', () => {
  let runtime: TestRuntime;
  let log: CommitLog<State>;
  let relay: OutboxRelay;
  const minute = 60_000;
  let now = new Date('2026-12-01T10:00:00Z');

  const aMinuteAgo = () => new Date(now.getTime() - minute);
  const commitOf = (caseId: string, version: number, committedAt = aMinuteAgo()): Commit<State> => ({
    _id: `${caseId}:${version}`,
    streamId: caseId,
    version,
    events: [caseRegisteredFixture(caseId)],
    state: { caseId, step: version },
    committedAt,
  });
  const pointerOf = (caseId: string, committedAt = aMinuteAgo()) => ({
    _id: `${caseId}:1`,
    streamId: caseId,
    version: 1,
    committedAt,
  });

  beforeAll(async () => {
    runtime = await startTestRuntime('outbox');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
    relay = new OutboxRelay({
      logs: [log],
      producer: runtime.producer,
      topicFor: () => topicName(runtime.infra.topicPrefix, 'cases'),
      logger: runtime.logger,
      clock: () => now,
    });
  });
  afterAll(async () => {
    await relay?.stop();
    await runtime?.close();
  });

  it('a commit appended here is published from memory and leaves no pointer behind', async () => {
    await log.append({
      streamId: 'case-a',
      expectedVersion: 0,
      events: [caseRegisteredFixture('case-a')],
      state: { caseId: 'case-a', step: 1 },
      now,
    });
    expect(await log.countUnpublished()).toBe(1);
    const recoveredBefore = relay.stats.recovered;
    expect(await relay.publishOnce()).toBe(1);
    expect(relay.stats.recovered).toBe(recoveredBefore);
    expect(await log.countUnpublished()).toBe(0);
    // The history is never rewritten by publishing.
    expect(await log.commits.findOne({ _id: 'case-a:1' })).not.toHaveProperty('published');
  });

  it("a crashed instance's commit (pointer and commit, no read model) is repaired and published", async () => {
    await log.outbox.insertOne(pointerOf('case-b'));
    await log.commits.insertOne(commitOf('case-b', 1));
    expect(await log.load('case-b')).toBeNull();
    expect(await relay.publishOnce()).toBe(1);
    expect(await log.load('case-b')).toMatchObject({ caseId: 'case-b', step: 1, version: 1 });
    expect(await log.countUnpublished()).toBe(0);
  });

  it('a pointer whose commit never came is kept while it may be in flight, then dropped unpublished', async () => {
    await log.outbox.insertOne(pointerOf('case-c'));
    expect(await relay.publishOnce()).toBe(0);
    expect(await log.countUnpublished()).toBe(1);
    now = new Date(now.getTime() + 11 * minute);
    expect(await relay.publishOnce()).toBe(0);
    expect(await log.countUnpublished()).toBe(0);
  });

  it("another instance's fresh commit is left to that instance's hand-over, and published by the poll only later", async () => {
    await log.outbox.insertOne(pointerOf('case-f', now));
    await log.commits.insertOne(commitOf('case-f', 1, now));
    expect(await relay.publishOnce()).toBe(0);
    expect(await log.countUnpublished()).toBe(1);
    now = new Date(now.getTime() + 6_000);
    expect(await relay.publishOnce()).toBe(1);
    expect(await log.countUnpublished()).toBe(0);
  });

  it("a commit dated in the future (another instance's clock ahead) is published once this relay has seen it for a while", async () => {
    const ahead = new Date(now.getTime() + 60 * minute);
    await log.outbox.insertOne(pointerOf('case-g', ahead));
    await log.commits.insertOne(commitOf('case-g', 1, ahead));
    expect(await relay.publishOnce()).toBe(0);
    now = new Date(now.getTime() + 6_000);
    expect(await relay.publishOnce()).toBe(1);
    expect(await log.countUnpublished()).toBe(0);
  });

  it('the loser of a race at one version leaves one pointer, to the winner, published once', async () => {
    await log.append({
      streamId: 'case-d',
      expectedVersion: 0,
      events: [caseRegisteredFixture('case-d')],
      state: { caseId: 'case-d', step: 1 },
      now,
    });
    const write = (step: number) =>
      log.append({
        streamId: 'case-d',
        expectedVersion: 1,
        events: [caseRegisteredFixture('case-d')],
        state: { caseId: 'case-d', step },
        now,
      });
    await Promise.allSettled([write(2), write(3)]);
    const commitsBefore = relay.stats.commits;
    await relay.publishOnce();
    expect(await log.countUnpublished()).toBe(0);
    // case-d:1 and the winner's case-d:2; the loser's pointer named the winner's commit.
    expect(relay.stats.commits - commitsBefore).toBeGreaterThanOrEqual(2);
    expect(relay.stats.commits - commitsBefore).toBeLessThanOrEqual(3);
  });
});

// The latest commit of a stream, found by `_id` probes from its read model: right even when the
// read model lags its commits, as it does between a commit and its projection or after a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitLog } from '../src/commit-log.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { caseRegisteredFixture } from './fixture-events.ts';

type State = { caseId: string; step: number };

describe('the latest commit of a stream', () => {
  let runtime: TestRuntime;
  let log: CommitLog<State>;

  beforeAll(async () => {
    runtime = await startTestRuntime('commit-log-latest');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const append = (caseId: string, expectedVersion: number) =>
    log.append({
      streamId: caseId,
      expectedVersion,
      events: [caseRegisteredFixture(caseId)],
      state: { caseId, step: expectedVersion + 1 },
      now: new Date(),
    });

  it('is null for a stream never written', async () => {
    expect(await log.latest('never')).toBeNull();
  });

  it('is the commit the read model is at', async () => {
    for (let version = 0; version < 3; version++) await append('steady', version);
    expect(await log.latest('steady')).toMatchObject({ _id: 'steady:3', version: 3, state: { step: 3 } });
  });

  it('is found past a read model that lags two commits behind', async () => {
    for (let version = 0; version < 4; version++) await append('lagging', version);
    // As if the projections of versions 3 and 4 had not run yet.
    await log.current.replaceOne({ _id: 'lagging' }, { caseId: 'lagging', step: 2, version: 2 } as never);
    expect(await log.latest('lagging')).toMatchObject({ version: 4, state: { step: 4 } });
  });

  it('is found when the stream has commits but no read model yet', async () => {
    await append('unprojected', 0);
    await append('unprojected', 1);
    await log.current.deleteOne({ _id: 'unprojected' });
    expect(await log.latest('unprojected')).toMatchObject({ version: 2 });
  });

  it('is taken from the commits when the read model names a commit that does not exist', async () => {
    await append('restored', 0);
    await log.current.replaceOne({ _id: 'restored' }, { caseId: 'restored', step: 9, version: 9 } as never);
    expect(await log.latest('restored')).toMatchObject({ version: 1, state: { step: 1 } });
  });
});

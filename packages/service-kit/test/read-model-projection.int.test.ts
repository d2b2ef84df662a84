// The read model's projection against the real MongoDB-wire server: the newer state replaces the
// older one whole (fields it dropped are gone), an older commit never overwrites a newer state,
// and a read model that was never written is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitLog } from '../src/commit-log.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';

type State = { caseId: string; step: number; note?: string; closedAt?: string };

describe('projecting a commit onto the read model', () => {
  let runtime: TestRuntime;
  let log: CommitLog<State>;

  beforeAll(async () => {
    runtime = await startTestRuntime('read-model-projection');
    log = new CommitLog(runtime.connection, 'cases');
    await log.ensureIndexes();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const commit = (caseId: string, version: number, state: Omit<State, 'caseId'>) => ({
    streamId: caseId,
    version,
    state: { caseId, ...state },
  });

  it('replaces the older state: new fields set, dropped fields gone', async () => {
    await log.project(commit('c-1', 1, { step: 1, note: 'first' }));
    await log.project(commit('c-1', 2, { step: 2, closedAt: '2026-12-04' }));
    expect(await log.load('c-1')).toEqual({
      _id: 'c-1',
      version: 2,
      caseId: 'c-1',
      step: 2,
      closedAt: '2026-12-04',
    });
  });

  it('leaves a newer read model alone', async () => {
    await log.project(commit('c-2', 1, { step: 1 }));
    await log.project(commit('c-2', 3, { step: 3 }));
    await log.project(commit('c-2', 2, { step: 2, note: 'late' }));
    await log.project(commit('c-2', 1, { step: 1, note: 'replayed' }));
    expect(await log.load('c-2')).toEqual({ _id: 'c-2', version: 3, caseId: 'c-2', step: 3 });
  });

  it('writes a read model that is missing (a crash before the first projection)', async () => {
    await log.project(commit('c-3', 4, { step: 4 }));
    expect(await log.load('c-3')).toEqual({ _id: 'c-3', version: 4, caseId: 'c-3', step: 4 });
  });
});

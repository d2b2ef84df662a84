// The restore drill, in `npm test` (alone: `pnpm --filter @kelisim/fault-run exec vitest run
// src/restore-drill.test.ts`): back up under a steady stream of registrations, wipe the store,
// restore it with the operator's commands, and check the books (src/restore-drill.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { restoreDrill } from './restore-drill.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

it('after a backup under writes, a wipe and a restore, every write acknowledged before the backup is there, read models match their commit logs and no event reaches Kafka twice', async () => {
  const report = await restoreDrill({
    repo,
    dir: join(repo, '.infra', 'restore-drill'),
    writesPerSecond: 4,
    acknowledgedBeforePause: 10,
    afterSeconds: 2,
    keep: process.env.RESTORE_DRILL_KEEP === '1',
    progress: (line) => console.warn(line),
  });
  console.warn(JSON.stringify(report, null, 2));
  expect(report.refusedWhileRunning).toBe(true);
  expect(report.schemas).toEqual({ beforeWipe: 2, afterWipe: 0 });
  expect(report.registrations.acknowledgedBeforeBackup).toBeGreaterThanOrEqual(10);
  expect(report.missing).toEqual([]);
  expect(report.registrations.afterRestore).toBeGreaterThan(0);
  expect(report.missingAfterRestore).toEqual([]);
  expect(report.readModelMismatches).toEqual([]);
  expect(report.streamsChecked).toBeGreaterThan(report.registrations.acknowledgedBeforeBackup);
  // The broker was paused during the backup: it holds pointers whose events went out after it.
  // Every one whose commit has events is found there and dropped; a pointer to a commit without
  // events (regional-monitoring's indicators seeded at start) only waits for the relay to remove it.
  expect(report.restore.relayCheck.withEvents).toBeGreaterThan(0);
  expect(report.restore.relayCheck.alreadyOnKafka).toBe(report.restore.relayCheck.withEvents);
  expect(report.duplicateEventIds).toEqual([]);
  expect(report.unprocessedByConsumer).toBe(0);
  // The drill's own waits are bounded; the test's limit is only a last resort, generous because a
  // test that times out leaves its infra running (its cleanup never runs).
}, 900_000);

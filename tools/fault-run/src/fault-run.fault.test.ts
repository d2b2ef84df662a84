// The short fault run, in `npm test` (alone: `pnpm --filter @kelisim/fault-run test:faults`): a
// few thousand events from writes at a steady 5 a second, one fault of each kind, on the run's own
// broker and FerretDB (never the shared ones). It fails on any lost, duplicated or unexpected
// effect, on dead letters other than the injected poison, and on a drain slower than 60 s.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { faultRun } from './fault-run.ts';
import { details, problems, summaryTable } from './report.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

it('under kill -9, SIGTERM, SIGSTOP and restarts of the broker and the database, no acknowledged write loses or doubles its effects', async () => {
  const report = await faultRun({
    repo,
    events: Number(process.env.FAULT_RUN_EVENTS ?? 1500),
    timings: 1,
    concurrency: 8,
    writesPerSecond: Number(process.env.FAULT_RUN_RATE ?? 5),
    pauseSeconds: 20,
    partitions: 3,
    dir: join(repo, '.infra', 'fault-run'),
    keep: false,
    progress: (line) => console.warn(line),
  });
  console.warn(`${summaryTable(report)}\n${details(report)}`);
  expect(report.faults).toHaveLength(8);
  expect(report.redeliveries.total).toBeGreaterThan(0);
  expect(problems(report)).toEqual([]);
}, 1_800_000);

// npm run faults -- [--events N] [--timings K] [--concurrency C] [--rate W] [--json path] [--keep]
// The short run (CI) is the default; the long run is `--events 100000 --timings 5`.
// npm run faults -- --scale instances|cluster|drain [--events N]: the scale runs (scale-run.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { faultRun } from '../fault-run.ts';
import { details, problems, summaryTable } from '../report.ts';
import { scaleDetails } from '../scale-report.ts';
import { type ScaleMode, type ScaleReport, scaleRun } from '../scale-run.ts';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '3000' },
    timings: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    rate: { type: 'string', default: '8' },
    pause: { type: 'string', default: '20' },
    partitions: { type: 'string', default: '6' },
    json: { type: 'string' },
    dir: { type: 'string', default: join(repo, '.infra', 'fault-run') },
    keep: { type: 'boolean', default: false },
    scale: { type: 'string' },
  },
});

const scaleModes = ['instances', 'cluster', 'drain'];
if (values.scale !== undefined && !scaleModes.includes(values.scale)) {
  console.error(`--scale must be one of ${scaleModes.join(', ')}`);
  process.exit(2);
}
const report = values.scale
  ? await scaleRun({
      repo,
      mode: values.scale as ScaleMode,
      events: Number(values.events),
      concurrency: Number(values.concurrency),
      writesPerSecond: Number(values.rate),
      partitions: Number(values.partitions),
      dir: values.dir,
      keep: values.keep,
      progress: (line) => console.error(line),
    })
  : await faultRun({
      repo,
      events: Number(values.events),
      timings: Number(values.timings),
      concurrency: Number(values.concurrency),
      writesPerSecond: Number(values.rate),
      pauseSeconds: Number(values.pause),
      partitions: Number(values.partitions),
      dir: values.dir,
      keep: values.keep,
      progress: (line) => console.error(line),
    });
const json = values.json ?? join(repo, '.infra', 'fault-run', `report-${report.runId}.json`);
writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
console.log(summaryTable(report));
console.log(details(report));
if ('assignments' in report) console.log(scaleDetails(report as ScaleReport));
console.log(`report: ${json}`);
// A broker's death moves leaders, not consumers: the cluster run need not cause a redelivery.
const failed = problems(report).filter(
  (problem) => !('mode' in report && report.mode === 'cluster' && problem.startsWith('no redelivery')),
);
if (failed.length > 0) {
  console.log(`FAILED: ${failed.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('PASSED');
}

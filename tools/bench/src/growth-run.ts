// `--only growth`: measures (growth-bench.ts), prints the table of sizes × operations with the p99
// ratio and the store's memory peak, and writes results/growth-<timestamp>.json.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@kelisim/service-kit/log';
import { pino } from 'pino';
import type { BenchArgs } from './args.ts';
import { measureGrowth } from './growth-bench.ts';
import { growthRows, growthTable, growthTarget, sizeLabel } from './growth-report.ts';
import { costliestTable } from './query-tally.ts';
import { formatTable } from './report.ts';
import { storePids } from './store-memory.ts';

export type GrowthRunOptions = {
  args: BenchArgs;
  mongoUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  unique: string;
  stamp: string;
  resultsDir: string;
  print: (text: string) => void;
};

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export async function runGrowth(options: GrowthRunOptions): Promise<void> {
  const { args, print } = options;
  const started = Date.now();
  const infraDir = process.env.KELISIM_INFRA_DIR ?? join(repoRoot, '.infra');
  const pids = await storePids(infraDir);
  print(
    `[bench] growth at ${args.sizes.map(sizeLabel).join(', ')} cases, ${args.samples} runs per operation; store pids: postgres ${pids.postmaster ?? '–'}, ferretdb ${pids.ferretdb ?? '–'}`,
  );
  const logger = createLogger({ service: 'bench-growth', level: 'warn', destination: pino.destination(2) });
  const result = await measureGrowth({
    sizes: args.sizes,
    samples: args.samples,
    budgetSeconds: 60,
    mongoUrl: options.mongoUrl,
    kafkaBrokers: options.kafkaBrokers,
    topicPrefix: options.topicPrefix,
    runId: options.unique.slice(-6),
    logger,
    storePids: pids,
    print,
  });
  const rows = growthRows(result.measured);
  const { headers, cells } = growthTable(rows);
  print(
    `\nGrowth: latency of each operation at each number of existing cases (target p99 ≤ ${growthTarget}× the smallest size's)`,
  );
  print(formatTable(headers, cells));
  const largest = Math.max(...args.sizes);
  const atLargest = result.queries
    .filter((q) => q.size === largest)
    .map((q) => ({
      ...q,
      runs: result.measured.find((m) => m.op === q.op && m.size === largest)?.samples.length ?? 1,
    }));
  const costliest = costliestTable(atLargest);
  print(
    `\nWhere each operation's database time went at ${sizeLabel(largest)} cases (explain of the costliest query)`,
  );
  print(formatTable(costliest.headers, costliest.cells));
  for (const size of result.sizes) {
    const peak = size.storeMemoryPeak;
    const memory = peak
      ? `store memory peak: RSS ${peak.rssMb.toFixed(0)} MB summed over ${peak.processesAtPeak} processes (PSS ${peak.pssMb.toFixed(0)} MB), ${peak.samples} samples`
      : 'store memory: not sampled (no local PostgreSQL or FerretDB pid files)';
    const failed = Object.entries(size.failures).map(([op, n]) => `${op} ${n}`);
    print(
      `[bench] growth ${sizeLabel(size.size)}: seeded in ${size.seedSeconds.toFixed(0)} s, measured in ${size.measureSeconds.toFixed(0)} s; ${memory}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
    );
  }
  const file = join(options.resultsDir, `growth-${options.stamp}.json`);
  const document = {
    startedAt: new Date(started).toISOString(),
    elapsedSeconds: Math.round((Date.now() - started) / 1_000),
    samplesPerOperation: args.samples,
    target: `p99 at the largest size ≤ ${growthTarget}× p99 at the smallest`,
    operations: rows,
    sizes: result.sizes,
    queries: result.queries,
  };
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  print(`[bench] growth: ${document.elapsedSeconds} s; wrote ${file}\n`);
}

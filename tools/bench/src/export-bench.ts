// `pnpm --filter @kelisim/bench exec tsx src/export-bench.ts [--cases 1000,10000,100000]`: the
// cases register's export (issue 26) at growing sizes. Cases are seeded straight into case-intake's
// store (its `cases` collection and month index), not through HTTP; then the register is written
// as the route writes it (the store's export pages, one cursor per scope branch merged, through
// the kit's CSV and XLSX writers) into a sink that counts bytes and reads slowly enough to apply back-pressure.
// Prints rows per second, the process's peak RSS and peak heap above their levels before the export,
// which must not grow with the row count, and the heap the export left behind once collected (a
// register held in memory would show there). One database per run, dropped at the end.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { caseColumns, type ExportRow } from '@kelisim/case-intake/src/routes/case-export-routes.ts';
import { caseScopeOf } from '@kelisim/case-intake/src/store/case-scope.ts';
import { CaseStore } from '@kelisim/case-intake/src/store/case-store.ts';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { eachPage } from '@kelisim/service-kit/exports/register-pages';
import { type RegisterFormat, writeCsv, writeXlsx } from '@kelisim/service-kit/exports/register-writers';
import { connectMongo } from '@kelisim/service-kit/mongo';

const region = '750000000';
const categories = ['neighbourhood', 'labour', 'religion', 'family', 'other'] as const;
const urgencies = ['low', 'medium', 'high', 'critical'] as const;
const sizesArg = process.argv.indexOf('--cases');
const sizes = (sizesArg > 0 ? (process.argv[sizesArg + 1] ?? '') : '1000,10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const print = (text: string) => process.stdout.write(`${text}\n`);

/** A registered case's read-model document, as the command pipeline leaves it. */
function seededCase(i: number, district: string) {
  const registeredAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    _id: `bench-${String(i).padStart(7, '0')}`,
    version: 1,
    caseNumber: `EM-2026-75-${String(i + 1).padStart(6, '0')}`,
    status: 'registered',
    region,
    district,
    locality: null,
    category: categories[i % categories.length],
    urgency: urgencies[i % urgencies.length],
    riskFlags: [],
    parties: [],
    partyNameHashes: [],
    sessions: [],
    mediatorId: null,
    mediatorUserId: null,
    outcome: null,
    followUpDue: null,
    followUpDueNotified: false,
    followUp: null,
    escalationLevel: 0,
    escalationReason: null,
    closureReason: null,
    duplicateSuspicions: [],
    description: null,
    registeredAt,
    registeredBy: 'bench-mediator',
    updatedAt: registeredAt,
    closedOn: null,
  };
}

/** Takes the bytes a client would download, one chunk per tick, counting them. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      setImmediate(done);
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

async function exportOnce(store: CaseStore, format: RegisterFormat) {
  global.gc?.();
  const { rss: before, heapUsed: heapBefore } = process.memoryUsage();
  let peak = before;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const scope = caseScopeOf({ sub: 'bench', roles: ['supervisor'], regions: ['KZ'], groups: [] } as never);
  let rows = 0;
  const pages = eachPage(store.exportPages(scope, { region }, 500), (page): ExportRow[] => {
    rows += page.length;
    return page.map((stored) => ({ stored, partyNames: null }));
  });
  const sink = countingSink();
  const finished = new Promise((resolve, reject) => sink.on('finish', resolve).on('error', reject));
  const started = performance.now();
  if (format === 'csv') await writeCsv(sink, caseColumns, pages);
  else await writeXlsx(sink, 'cases', caseColumns, pages);
  await finished;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  // What the export left behind once collected: a register held in memory would stay here.
  global.gc?.();
  return {
    rows,
    seconds,
    bytes: sink.bytes,
    rssBeforeMb: before / 2 ** 20,
    peakAboveMb: (peak - before) / 2 ** 20,
    peakHeapAboveMb: (peakHeap - heapBefore) / 2 ** 20,
    heapKeptMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
}

const dbName = `bench_export_${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const connection = await connectMongo({ url: mongoUrl, dbName, serverSelectionTimeoutMs: 10_000 });
const results: Record<string, unknown>[] = [];
try {
  const store = new CaseStore(connection);
  const districts = districtsOf(region).map((d) => d.kato);
  let seeded = 0;
  print(
    'cases   format  rows/s   seconds  MiB out  RSS before MiB  peak RSS above MiB  peak heap above MiB  heap kept MiB',
  );
  for (const size of sizes) {
    for (; seeded < size; ) {
      const batch = Array.from({ length: Math.min(1_000, size - seeded) }, (_, k) =>
        seededCase(seeded + k, districts[(seeded + k) % districts.length] as string),
      );
      await store.cases.insertMany(batch as never, { ordered: false });
      seeded += batch.length;
    }
    if (size === sizes[0]) await store.ensureIndexes();
    for (const format of ['csv', 'xlsx'] as const) {
      const run = await exportOnce(store, format);
      if (run.rows !== size) throw new Error(`exported ${run.rows} of ${size} cases`);
      results.push({ cases: size, format, ...run });
      print(
        [
          String(size).padEnd(7),
          format.padEnd(7),
          String(Math.round(run.rows / run.seconds)).padEnd(8),
          run.seconds.toFixed(2).padEnd(8),
          (run.bytes / 2 ** 20).toFixed(1).padEnd(8),
          run.rssBeforeMb.toFixed(0).padEnd(15),
          run.peakAboveMb.toFixed(1).padEnd(18),
          run.peakHeapAboveMb.toFixed(1).padEnd(19),
          run.heapKeptMb.toFixed(1),
        ].join(' '),
      );
    }
  }
} finally {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
}

// What a mongoose Model costs over the driver's collection for what the stores do: insert a commit,
// insert a group of them, read one by `_id`, read a page by a filter. Against a real server
// (FerretDB in development), the same documents through both. The machine is shared and the
// server's time dominates, so the two sides alternate in small blocks and each block's pair gives
// one ratio; the report is the median of those, for wall time and for this process's CPU time
// (what the service pays itself), per operation (docs/adr/0009).
//
//   MONGO_URL=mongodb://127.0.0.1:27017/ pnpm --filter @kelisim/service-kit exec tsx test/store-access.bench.ts [rounds]
import { performance } from 'node:perf_hooks';
import { Schema } from 'mongoose';
import { connectMongo } from '../src/mongo.ts';

const rounds = Number(process.argv[2] ?? 30);
const groupSize = 25;
const pageSize = 50;

type CommitDocument = {
  _id: string;
  streamId: string;
  version: number;
  region: string;
  events: Record<string, unknown>[];
  state: Record<string, unknown>;
  committedAt: Date;
};

// About the size and shape of a case's first commit: one event, a state with two parties.
function commitOf(run: number, i: number): CommitDocument {
  const caseId = `case-${run}-${i}`;
  const region = i % 2 === 0 ? '750000000' : '710000000';
  const parties = ['claimant', 'respondent'].map((role, p) => ({
    partyId: `${caseId}-p${p}`,
    role,
    nameSealed: `v1:${'x'.repeat(64)}`,
    contactSealed: `v1:${'y'.repeat(48)}`,
    community: 'kazakh',
  }));
  const state = {
    caseId,
    caseNumber: `ALM-2026-${String(i).padStart(6, '0')}`,
    region,
    district: `${region.slice(0, 4)}10000`,
    status: 'registered',
    category: 'land',
    urgency: 'normal',
    riskFlags: ['public_tension'],
    parties,
    partyNameHashes: parties.map((party) => party.partyId.padEnd(44, '0')),
    registeredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    registeredBy: 'user-1',
    mediatorId: null,
    followUpDue: null,
  };
  const event = {
    specversion: '1.0',
    id: `${caseId}-e1`,
    type: 'case.registered.v1',
    source: 'case-intake',
    subject: caseId,
    time: state.registeredAt,
    correlationid: `req-${i}`,
    data: {
      ...state,
      parties: parties.map(({ partyId, role, community }) => ({ partyId, role, community })),
    },
  };
  return {
    _id: `${caseId}:1`,
    streamId: caseId,
    version: 1,
    region,
    events: [event],
    state,
    committedAt: new Date(),
  };
}

// The shape declared once, as a mongoose store would: the state's fields typed, the events (their
// contracts validate them elsewhere) left mixed.
const partySchema = new Schema(
  { partyId: String, role: String, nameSealed: String, contactSealed: String, community: String },
  { _id: false },
);
const commitSchema = new Schema<CommitDocument>(
  {
    _id: String,
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    region: { type: String, required: true },
    events: [Schema.Types.Mixed],
    state: {
      caseId: String,
      caseNumber: String,
      region: String,
      district: String,
      status: String,
      category: String,
      urgency: String,
      riskFlags: [String],
      parties: [partySchema],
      partyNameHashes: [String],
      registeredAt: String,
      registeredBy: String,
      mediatorId: { type: String, default: null },
      followUpDue: { type: String, default: null },
    },
    committedAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false },
);

const say = (line: string) => process.stdout.write(`${line}\n`);

type Sample = { wallMs: number; cpuMs: number };
type Side = (i: number) => Promise<unknown>;
type Case = { label: string; perBlock: number; driver: Side; mongoose: Side };

async function sample(side: Side, from: number, count: number): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = from; i < from + count; i++) await side(i);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

async function compare({ label, perBlock, driver, mongoose }: Case): Promise<void> {
  const pairs: { driver: Sample; mongoose: Sample }[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const from = round * perBlock;
    // Alternating which side goes first, so that neither always meets a warmer server.
    const first = round % 2 === 0;
    const a = await sample(first ? driver : mongoose, from, perBlock);
    const b = await sample(first ? mongoose : driver, from, perBlock);
    if (round > 0) pairs.push(first ? { driver: a, mongoose: b } : { driver: b, mongoose: a }); // round 0 warms up
  }
  const per = (ms: number) => ((ms / perBlock) * 1000).toFixed(0);
  const wall = (side: 'driver' | 'mongoose') => median(pairs.map((pair) => pair[side].wallMs));
  const cpu = (side: 'driver' | 'mongoose') => median(pairs.map((pair) => pair[side].cpuMs));
  const wallRatio = median(pairs.map((pair) => pair.mongoose.wallMs / pair.driver.wallMs));
  const cpuRatio = median(pairs.map((pair) => pair.mongoose.cpuMs / Math.max(pair.driver.cpuMs, 0.001)));
  say(
    `| ${label} | ${per(wall('driver'))} | ${per(wall('mongoose'))} | ${wallRatio.toFixed(2)} | ${per(cpu('driver'))} | ${per(cpu('mongoose'))} | ${cpuRatio.toFixed(2)} |`,
  );
}

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const connection = await connectMongo({ url, dbName: `bench_store_access_${process.pid}` });
const model = connection.model<CommitDocument>('Commit', commitSchema, 'mongoose_commits');
const collection = connection.db?.collection<CommitDocument>('driver_commits');
if (!collection) throw new Error('no database');

const blocks = rounds + 1;
const singles = (offset: number) => (i: number) => commitOf(offset, i);
const group = (offset: number, i: number) =>
  Array.from({ length: groupSize }, (_, j) => commitOf(offset, i * groupSize + j));
const readIds = Array.from({ length: 10 * blocks }, (_, i) => commitOf(0, i)._id);

try {
  say(`${rounds} rounds per operation, each a block of the driver's and a block of mongoose's`);
  say(
    '| operation | driver µs/op | mongoose µs/op | wall ratio | driver CPU µs/op | mongoose CPU µs/op | CPU ratio |',
  );
  say('|---|---|---|---|---|---|---|');
  await compare({
    label: 'insert one commit',
    perBlock: 10,
    driver: (i) => collection.insertOne(singles(0)(i)),
    mongoose: (i) => model.create(singles(0)(i)),
  });
  await compare({
    label: `insert a group of ${groupSize}`,
    perBlock: 2,
    driver: (i) => collection.insertMany(group(1, i), { ordered: false }),
    mongoose: (i) => model.insertMany(group(1, i), { ordered: false }),
  });
  await compare({
    label: 'read one by _id (document)',
    perBlock: 10,
    driver: (i) => collection.findOne({ _id: readIds[i] as string }),
    mongoose: (i) => model.findById(readIds[i]),
  });
  await compare({
    label: 'read one by _id (lean)',
    perBlock: 10,
    driver: (i) => collection.findOne({ _id: readIds[i] as string }),
    mongoose: (i) => model.findById(readIds[i]).lean(),
  });
  const page = { region: '750000000' };
  await compare({
    label: `read a page of ${pageSize} by filter (documents)`,
    perBlock: 2,
    driver: () => collection.find(page).sort({ _id: 1 }).limit(pageSize).toArray(),
    mongoose: () => model.find(page).sort({ _id: 1 }).limit(pageSize),
  });
  await compare({
    label: `read a page of ${pageSize} by filter (lean)`,
    perBlock: 2,
    driver: () => collection.find(page).sort({ _id: 1 }).limit(pageSize).toArray(),
    mongoose: () => model.find(page).sort({ _id: 1 }).limit(pageSize).lean(),
  });
} finally {
  await connection.db?.dropDatabase();
  await connection.close();
}

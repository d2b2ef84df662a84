// The store's first pages: a sorted, limited `find` must return the first documents of the same
// query sorted without a limit, whatever the types its fields hold. The embedded store reads such
// pages in PostgreSQL for documents whose keys are strings and the rest as before
// (docs/adr/0012); this holds it to MongoDB's order on a collection that mixes strings with
// numbers, dates, ObjectIds, arrays, nulls, documents and missing fields.
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectMongo } from '../mongo.ts';
import { testInfrastructure } from './test-infrastructure.ts';

const infra = testInfrastructure('sorted-pages');
let connection: Awaited<ReturnType<typeof connectMongo>>;

beforeAll(async () => {
  connection = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
});
afterAll(async () => {
  await connection?.dropDatabase().catch(() => {});
  await connection?.close();
});

/** A small deterministic generator, so that a failure names a reproducible case. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T };
}

it('returns the first documents of the sorted query, strings mixed with every other type', async () => {
  const { next, pick } = generator(7);
  const items = connection.getClient().db(infra.dbName).collection<Record<string, unknown>>('items');
  await items.createIndex({ region: 1, status: 1, month: 1 });
  await items.createIndex({ at: -1, _id: -1 });
  const unusual = () =>
    pick([undefined, null, 5, ['x', 'b'], new Date(1_700_000_000_000), new ObjectId(), 'b', { k: 1 }, true]);
  const usually = <T>(share: number, values: readonly T[]) => (next() < share ? pick(values) : unusual());
  const documents = Array.from({ length: 1_200 }, (_, i) => {
    const fields: Record<string, unknown> = {
      _id: next() < 0.97 ? `id-${String(i).padStart(5, '0')}-${Math.floor(next() * 100)}` : new ObjectId(),
      region: usually(0.95, ['a', 'b', 'c']),
      status: usually(0.95, ['open', 'closed', 'Ä', 'é']),
      month: usually(0.95, ['2026-01', '2026-02', '2026-03']),
      at: usually(0.93, ['2026-01-05T04', '2026-02-10T05', '2026-02-10T06', '2026-02-11', '2026-03-28T23']),
    };
    for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
    return fields;
  });
  await items.insertMany(documents);

  const filters = [
    () => ({ region: pick(['a', 'b']), status: pick(['open', 'closed', 'Ä']) }),
    () => ({ region: pick(['a', 'b']), status: 'open', month: pick(['2026-01', '2026-02']) }),
    () => ({
      region: 'a',
      $or: [{ at: { $lt: '2026-02-1' } }, { at: '2026-02-10T05', _id: { $lt: 'id-01' } }],
    }),
    () => ({ status: { $in: ['open', 'Ä'] }, at: { $gte: '2026-01-15', $lt: '2026-03' } }),
    () => ({ $and: [{ region: 'c' }, { status: { $gt: 'closed' } }] }),
    () => ({}),
    () => ({ region: 'b', status: 5 }),
  ];
  const sorts: Record<string, 1 | -1>[] = [
    { at: -1, _id: -1 },
    { at: 1, _id: 1 },
    { _id: 1 },
    { status: -1, at: 1, _id: 1 },
    { region: 1, _id: -1 },
  ];
  const differences: string[] = [];
  for (let round = 0; round < 80; round++) {
    const filter = pick(filters)();
    const sort = pick(sorts);
    const limit = pick([1, 5, 21, 100]);
    const all = await items.find(filter).sort(sort).toArray();
    const page = await items.find(filter).sort(sort).limit(limit).toArray();
    const want = all.slice(0, limit).map((doc) => String(doc._id));
    const got = page.map((doc) => String(doc._id));
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      differences.push(`${JSON.stringify(filter)} sort ${JSON.stringify(sort)} limit ${limit}`);
    }
  }
  expect(differences).toEqual([]);

  // On FerretDB over PostgreSQL the page is read there, sorted and limited, not fetched whole.
  const info = await connection.getClient().db(infra.dbName).admin().command({ buildInfo: 1 });
  const explanation = await connection
    .getClient()
    .db(infra.dbName)
    .command({
      explain: {
        find: 'items',
        filter: { region: 'a', status: 'open' },
        sort: { at: -1, _id: -1 },
        limit: 20,
      },
      verbosity: 'queryPlanner',
    });
  if ('ferretdbVersion' in info && explanation.queryPlanner?.Plan) {
    expect(JSON.stringify(explanation.queryPlanner.Plan)).toContain('"Node Type":"Limit"');
  }
});

// The explain check itself: it must fail on the queries a scan answers, or the services' checks
// prove nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keysetPage } from '../keyset-page.ts';
import { connectMongo } from '../mongo.ts';
import { recordQueries, scanningQueries } from './query-plans.ts';
import { testInfrastructure } from './test-infrastructure.ts';

const infra = testInfrastructure('query-plans');
let connection: Awaited<ReturnType<typeof connectMongo>>;

beforeAll(async () => {
  connection = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName, monitorCommands: true });
});
afterAll(async () => {
  await connection?.dropDatabase().catch(() => {});
  await connection?.close();
});

it('reports the queries without an indexed equality at the top level, and passes the others', async () => {
  const client = connection.getClient();
  const db = client.db(infra.dbName);
  const items = db.collection<{ _id: string; region: string; status: string; at: string; note: string }>(
    'items',
  );
  await items.createIndex({ region: 1, at: -1, _id: -1 });
  await items.insertMany(
    Array.from({ length: 50 }, (_, i) => ({
      _id: `item-${i}`,
      region: `r${i % 3}`,
      status: i % 2 ? 'open' : 'closed',
      at: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      note: `n${i}`,
    })),
  );
  const recorder = recordQueries(client, infra.dbName);
  await items.find({ region: 'r1', at: { $gte: '2026-01-05' } }).toArray();
  await items.find({ _id: { $in: ['item-1', 'item-2'] } }).toArray();
  await items.find({ note: 'n1' }).toArray();
  await items.find({ $or: [{ region: 'r1' }, { region: 'r2' }] }).toArray();
  await items.find({ $and: [{ region: 'r1' }, { status: 'open' }] }).toArray();
  await items.countDocuments({ status: 'open' });
  // The same filter as the find above: explained once, under the first command that sent it.
  await items.deleteMany({ note: 'none' });
  // The kit's keyset page over two branches: two flat queries, each led by `region`.
  const page = await keysetPage(items, {
    branches: [{ region: 'r1' }, { region: 'r2' }],
    where: { status: 'open' },
    order: { field: 'at', direction: -1 },
    limit: 5,
  });
  recorder.stop();
  expect(page).toHaveLength(5);
  expect(page.every((item) => item.status === 'open' && item.region !== 'r0')).toBe(true);

  const report = await scanningQueries(db, recorder.queries());
  if (report.checked === false) return;
  expect(report.scans.map((scan) => scan.slice(0, scan.lastIndexOf(': ')))).toEqual([
    'items find {"note":"<string>"}',
    'items find {"$or":[{"region":"<string>"},{"region":"<string>"}]}',
    'items find {"$and":[{"region":"<string>"},{"status":"<string>"}]}',
    'items aggregate {"status":"<string>"}',
  ]);
  expect(await scanningQueries(db, recorder.queries(), { items: 'a test collection' })).toMatchObject({
    scans: [],
  });
});

// Upserts by `_id` that meet on a missing document: each must land (the sweeps' marks, the read
// models kept by several instances), on the embedded store as on MongoDB.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectMongo, upsertRacing } from './mongo.ts';
import { testInfrastructure } from './testing/test-infrastructure.ts';

const infra = testInfrastructure('upsert-racing');
let connection: Awaited<ReturnType<typeof connectMongo>>;

beforeAll(async () => {
  connection = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
});
afterAll(async () => {
  await connection?.dropDatabase().catch(() => {});
  await connection?.close();
});

it('lands every one of several upserts racing to create one document', async () => {
  const marks = connection.getClient().db(infra.dbName).collection<{ _id: string; day: string }>('marks');
  for (let round = 0; round < 20; round++) {
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    const results = await Promise.allSettled(
      days.map((day) =>
        upsertRacing(() => marks.updateOne({ _id: `job-${round}` }, { $set: { day } }, { upsert: true })),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(days).toContain((await marks.findOne({ _id: `job-${round}` }))?.day);
  }
});

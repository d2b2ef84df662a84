// The list read month by month (registered-months.ts) answers the same pages and cursors as one
// query over the whole registry: across month boundaries (Kazakhstan's, not UTC's), empty months,
// date filters, two-branch scopes, and a store whose cases predate the month field.
import { encodeCursor } from '@kelisim/service-kit/cursor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequests, mediatorUser, region } from '../routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

let service: ServiceUnderTest;

// 19:30 UTC on 31 January is already 1 February in Kazakhstan; November holds nothing.
const instants = [
  '2025-10-15T10:00:00.000Z',
  '2025-12-20T10:00:00.000Z',
  '2026-01-10T10:00:00.000Z',
  '2026-01-20T10:00:00.000Z',
  '2026-01-20T10:00:00.000Z',
  '2026-01-31T18:00:00.000Z',
  '2026-01-31T19:30:00.000Z',
  '2026-02-03T10:00:00.000Z',
  '2026-02-04T10:00:00.000Z',
];

const groupMember = { sub: 'u-g', roles: ['group_member' as const], regions: [region] };

type Listed = { caseId: string; registeredAt: string };

/** Every page of `query` at `limit`, with the cursors it was given. */
async function allPages(query: string, claims: object, limit: number) {
  const pages: { ids: string[]; nextCursor: string | null; last: Listed | undefined }[] = [];
  let cursor: string | null = null;
  do {
    const response = await service.call(
      'GET',
      `/cases?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { claims },
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: Listed[]; nextCursor: string | null };
    pages.push({
      ids: page.items.map((item) => item.caseId),
      nextCursor: page.nextCursor,
      last: page.items.at(-1),
    });
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

/** The order of one flat query over the read model: (registeredAt, _id), newest first. */
async function expected(filter: Record<string, unknown>): Promise<string[]> {
  const docs = await service.cases.cases
    .find(filter as never)
    .sort({ registeredAt: -1, _id: -1 })
    .toArray();
  return docs.map((doc) => doc._id);
}

async function expectSameAsOneQuery(query: string, claims: object, filter: Record<string, unknown>) {
  const want = await expected(filter);
  for (const limit of [1, 2, 3, 100]) {
    const pages = await allPages(query, claims, limit);
    expect(pages.flatMap((page) => page.ids)).toEqual(want);
    for (const [i, page] of pages.entries()) {
      const more = i < pages.length - 1;
      expect(page.nextCursor).toEqual(
        more && page.last ? encodeCursor([page.last.registeredAt, page.last.caseId]) : null,
      );
    }
  }
}

beforeAll(async () => {
  service = await startServiceUnderTest('case-list-months');
  const requests = caseRequests(service, []);
  for (const instant of instants) {
    service.clock.now = new Date(instant);
    await requests.register();
  }
});
afterAll(async () => service?.close());

describe('a list page read month by month', () => {
  it('buckets each case by its month in Kazakhstan', async () => {
    const months = (await service.cases.cases.find({}).sort({ registeredAt: 1 }).toArray()).map(
      (doc) => doc.registeredMonth,
    );
    expect(months).toEqual([
      '2025-10',
      '2025-12',
      '2026-01',
      '2026-01',
      '2026-01',
      '2026-01',
      '2026-02',
      '2026-02',
      '2026-02',
    ]);
  });

  it('pages across month boundaries and an empty month as one query would', async () => {
    await expectSameAsOneQuery('status=registered', groupMember, { region });
    await expectSameAsOneQuery(`region=${region}`, groupMember, { region });
  });

  it('bounds the walk by the date filters', async () => {
    await expectSameAsOneQuery('from=2025-12-01&to=2026-01-31', groupMember, {
      region,
      registeredAt: { $gte: '2025-12-01', $lte: '2026-01-31T23:59:59.999Z' },
    });
  });

  it('merges a two-branch scope month by month', async () => {
    await expectSameAsOneQuery('status=registered', mediatorUser, { registeredBy: mediatorUser.sub });
  });

  it('gives cases stored without their month one, once, at startup', async () => {
    await service.cases.cases.updateMany({}, { $unset: { registeredMonth: '' } });
    await service.runtime.connection.db?.collection('registeredMonths').deleteMany({});
    await service.cases.ensureIndexes();
    expect(await service.cases.cases.countDocuments({ registeredMonth: { $exists: false } })).toBe(0);
    await expectSameAsOneQuery('status=registered', groupMember, { region });
  });
});

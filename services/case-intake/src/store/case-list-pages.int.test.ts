// The list's pages, each read in (registeredAt, _id) order and stopped at its size, answer the
// same cases and cursors as one query over the whole registry sorted alike: across ties on the
// instant, date filters, two-branch scopes; and a store from before drops its month indexes.
import { encodeCursor } from '@kelisim/service-kit/cursor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequests, mediatorUser, region } from '../routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

let service: ServiceUnderTest;

// Spread over months, with two cases registered at the same instant.
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
  service = await startServiceUnderTest('case-list-pages');
  const requests = caseRequests(service, []);
  for (const instant of instants) {
    service.clock.now = new Date(instant);
    await requests.register();
  }
});
afterAll(async () => service?.close());

describe('a list read page by page', () => {
  it('pages through ties on the instant as one sorted query would', async () => {
    await expectSameAsOneQuery('status=registered', groupMember, { region });
    await expectSameAsOneQuery(`region=${region}`, groupMember, { region });
  });

  it('keeps to the date filters, as days in Kazakhstan (UTC+5)', async () => {
    await expectSameAsOneQuery('from=2025-12-01&to=2026-01-31', groupMember, {
      region,
      registeredAt: { $gte: '2025-11-30T19:00:00.000Z', $lte: '2026-01-31T18:59:59.999Z' },
    });
  });

  it('merges a two-branch scope', async () => {
    await expectSameAsOneQuery('status=registered', mediatorUser, { registeredBy: mediatorUser.sub });
  });

  it('drops the month-by-month indexes of a store from before', async () => {
    await service.cases.cases.createIndex({ region: 1, registeredMonth: -1, registeredAt: -1, _id: -1 });
    await service.cases.ensureIndexes();
    const keys = (await service.cases.cases.listIndexes().toArray()).map((index) => Object.keys(index.key));
    expect(keys.some((key) => key.includes('registeredMonth'))).toBe(false);
    expect(keys).toContainEqual(['region', 'status', 'registeredAt', '_id']);
    await expectSameAsOneQuery('status=registered', groupMember, { region });
  });
});

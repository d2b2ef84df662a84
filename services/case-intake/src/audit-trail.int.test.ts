// The audit trail (issue 9): every read of a case's personal data and every change is recorded
// with who (subject and role), when, what (action, case, fields) and from where (address, request
// id); administrators query it by case, user and time, within their territory; no API edits it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseRequests,
  mediatorUser,
  region,
  seedQualifiedMediator,
} from './routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

let service: ServiceUnderTest;
let caseId: string;
let otherCaseId: string;
const admin = { sub: 'u-admin-kz', roles: ['admin' as const], regions: ['KZ'] };
const regionAdmin = { sub: 'u-admin-75', roles: ['admin' as const], regions: [region] };
const groupMember = { sub: 'u-group-75', roles: ['group_member' as const], regions: [region] };
const supervisor = { sub: 'u-super-75', roles: ['supervisor' as const], regions: [region] };
const start = new Date('2026-03-01T08:00:00.000Z');

async function trail(query: string, claims = admin) {
  const response = await service.call('GET', `/audit?${query}`, { claims });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Json[]; nextCursor: string | null };
}

beforeAll(async () => {
  service = await startServiceUnderTest('audit-trail');
  await seedQualifiedMediator(service);
  const requests = caseRequests(service, []);
  service.clock.now = start;
  ({ caseId } = await requests.register());
  service.clock.now = new Date('2026-03-02T08:00:00.000Z');
  await requests.run(caseId, 'screen', { urgency: 'critical' });
  service.clock.now = new Date('2026-03-03T08:00:00.000Z');
  const read = await service.call('GET', `/cases/${caseId}`, {
    claims: groupMember,
    headers: { 'x-request-id': 'req-group-read-1' },
  });
  expect(read.json().personalData).toBe(true);
  // A supervisor sees the case without personal data: nothing personal was read.
  expect((await service.call('GET', `/cases/${caseId}`, { claims: supervisor })).json().personalData).toBe(
    false,
  );
  service.clock.now = new Date('2026-03-04T08:00:00.000Z');
  ({ caseId: otherCaseId } = await requests.register());
});
afterAll(async () => service?.close());

describe('what is recorded', () => {
  it('records a change with who, when, what and from where, in the commit that made it', async () => {
    const { items } = await trail(`caseId=${caseId}`);
    const screen = items.find((entry) => entry.action === 'command:screen');
    expect(screen).toMatchObject({
      kind: 'change',
      caseId,
      sub: mediatorUser.sub,
      roles: ['mediator'],
      at: '2026-03-02T08:00:00.000Z',
      fields: expect.arrayContaining(['status', 'urgency']),
      ip: '127.0.0.1',
      version: 2,
    });
    expect(screen.requestId).toEqual(expect.any(String));
    // Atomic with the change: the record is a field of the very commit document holding it.
    const commit = await service.cases.log.commits.findOne({ streamId: caseId, version: 2 });
    expect(commit?.audit).toMatchObject({ sub: mediatorUser.sub, action: 'command:screen' });
    const registration = items.find((entry) => entry.action === 'register');
    expect(registration).toMatchObject({ kind: 'change', version: 1, personalDataReturned: true });
    expect(registration.fields).toEqual(expect.arrayContaining(['parties', 'description', 'status']));
  });

  it('records a read of personal data, and no read when none was shown', async () => {
    const { items } = await trail(`caseId=${caseId}`);
    // The mediator's own read before screening (the test helper fetches the ETag) is one too.
    const reads = items.filter((entry) => entry.kind === 'read');
    expect(reads.map((entry) => entry.sub)).toEqual([groupMember.sub, mediatorUser.sub]);
    expect(items.some((entry) => entry.sub === supervisor.sub)).toBe(false);
    expect(reads.slice(0, 1)).toEqual([
      expect.objectContaining({
        action: 'read',
        sub: groupMember.sub,
        roles: ['group_member'],
        requestId: 'req-group-read-1',
        ip: '127.0.0.1',
        at: '2026-03-03T08:00:00.000Z',
        fields: expect.arrayContaining(['parties.name', 'parties.contacts', 'description']),
      }),
    ]);
  });

  it('holds no personal data itself', async () => {
    const raw = JSON.stringify(await trail(''));
    expect(raw).not.toContain('Plaintext');
  });
});

describe('querying', () => {
  it('filters by case, by user and by time range, newest first', async () => {
    const byCase = await trail(`caseId=${otherCaseId}`);
    expect(byCase.items.map((entry) => entry.action)).toEqual(['register']);
    const byUser = await trail(`user=${groupMember.sub}`);
    expect(byUser.items.map((entry) => entry.action)).toEqual(['read']);
    const byTime = await trail('from=2026-03-02&to=2026-03-03');
    expect(byTime.items.map((entry) => [entry.at, entry.action]).sort()).toEqual([
      ['2026-03-02T08:00:00.000Z', 'command:screen'],
      ['2026-03-02T08:00:00.000Z', 'read'],
      ['2026-03-03T08:00:00.000Z', 'read'],
    ]);
    const all = await trail('');
    const times = all.items.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages by cursor through every entry exactly once', async () => {
    // Register, the mediator's read, screen, the group's read, the second registration, and the
    // duplicate suspicion it noted on the first case.
    const all = (await trail('limit=100')).items.map((entry) => entry.entryId);
    expect(all.length).toBe(6);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await trail(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((entry) => entry.entryId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('shows an administrator only their territory’s entries', async () => {
    expect((await trail('', regionAdmin)).items.length).toBe(6);
    const outside = await trail('', { sub: 'u-admin-71', roles: ['admin'], regions: ['710000000'] });
    expect(outside.items).toEqual([]);
  });

  it('is for administrators only', async () => {
    for (const role of ['mediator', 'group_member', 'supervisor', 'coordinator'] as const) {
      const response = await service.call('GET', '/audit', {
        claims: { sub: `u-${role}`, roles: [role], regions: ['KZ'] },
      });
      expect(response.statusCode, role).toBe(403);
    }
    const anonymous = await service.app.inject({ method: 'GET', url: '/audit' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers 400 to a malformed range', async () => {
    const response = await service.call('GET', '/audit?from=2026-03-05&to=2026-03-01', { claims: admin });
    expect(response.statusCode).toBe(400);
  });
});

describe('immutability', () => {
  it('offers no way to edit or delete an entry', async () => {
    const before = await trail('limit=100');
    const entryId = before.items[0].entryId;
    const authorization = `Bearer ${await service.auth.mint(admin)}`;
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      for (const url of ['/audit', `/audit/${entryId}`]) {
        const response = await service.app.inject({
          method,
          url,
          headers: { authorization },
          payload: { action: 'nothing happened' },
        });
        expect([404, 405], `${method} ${url}`).toContain(response.statusCode);
      }
    }
    expect(await trail('limit=100')).toEqual(before);
  });
});

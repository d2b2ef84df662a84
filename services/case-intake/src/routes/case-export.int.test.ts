// The cases register through HTTP against the real broker and FerretDB: the same rows as the list,
// names only for those who may see them, and every export of names in the audit trail.
import { dayOf } from '@kelisim/contracts/calendar';
import { xlsxRows } from '@kelisim/service-kit/testing/xlsx-rows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { caseRequests, newCase, region, seedQualifiedMediator } from './case-requests.test-support.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;
const group = { sub: 'u-export-group', roles: ['group_member' as const], regions: [region] };
const supervisor = { sub: 'u-export-supervisor', roles: ['supervisor' as const], regions: ['KZ'] };
const awkwardName = 'Әлиева, "Гүлнұр"\nекінші жол';
let ended: { caseNumber: string };
let escalated: { caseNumber: string };

beforeAll(async () => {
  service = await startServiceUnderTest('case-export');
  requests = caseRequests(service, []);
  for (let i = 0; i < 3; i++) await requests.register(newCase({ category: 'labour' }));
  await requests.register(
    newCase({
      category: 'labour',
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: awkwardName },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Петров Пётр' },
      ],
    }),
  );
  await requests.register(newCase({ category: 'religion' }));
  // One case ended with an outcome today, for the dashboard's "ended with an outcome" register.
  await seedQualifiedMediator(service);
  const registered = await requests.register(newCase({ category: 'family' }));
  await requests.run(registered.caseId, 'screen');
  for (const party of registered.parties as Array<{ partyId: string }>)
    await requests.run(registered.caseId, 'record-consent', { partyId: party.partyId, consented: true });
  await requests.run(registered.caseId, 'assign', { mediatorId: 'med-1' });
  const today = dayOf(service.clock.now);
  await requests.run(registered.caseId, 'record-session', {
    kind: 'joint',
    heldOn: today,
    durationMinutes: 30,
  });
  await requests.run(registered.caseId, 'record-outcome', { outcome: 'none' });
  ended = { caseNumber: registered.caseNumber };
  // And one escalated today, for its escalations register.
  const raised = await requests.register(newCase({ category: 'land_and_property' }));
  await requests.run(raised.caseId, 'escalate', { level: 2, reason: 'violence_risk' });
  escalated = { caseNumber: raised.caseNumber };
});
afterAll(async () => service?.close());

async function exported(url: string, claims: typeof group | typeof supervisor) {
  const response = await service.app.inject({
    method: 'GET',
    url,
    headers: await service.auth.headers(claims),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

describe('cases register', () => {
  it('an XLSX export read back holds the list’s rows, in its order, with the same filter', async () => {
    const list = await service.call('GET', '/cases?category=labour&limit=100', { claims: group });
    const response = await exported('/cases/export?category=labour&format=xlsx', group);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const rows = await xlsxRows(response.rawPayload);
    const items = list.json().items as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.caseNumber)).toEqual(items.map((item) => item.caseNumber));
    for (const [i, row] of rows.entries()) {
      const item = items[i] ?? {};
      expect(row).toMatchObject({
        status: item.status,
        region: item.region,
        district: item.district,
        category: 'labour',
        urgency: item.urgency,
        partyCount: item.partyCount,
        registeredAt: item.registeredAt,
      });
    }
    expect(rows.map((row) => row.partyNames)).toContain(`${awkwardName}; Петров Пётр`);
  });

  it('a CSV export quotes a name holding a comma, quotes and a line break', async () => {
    const response = await exported('/cases/export?category=labour', group);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="cases-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(response.body).toContain('"Әлиева, ""Гүлнұр""\nекінші жол; Петров Пётр"\r\n');
    expect(response.body.split('\r\n')[0]).toMatch(/^\uFEFFcaseNumber,status,.*,partyNames$/);
  });

  it('a supervisor, who may not see personal data, gets the register without names', async () => {
    for (const format of ['csv', 'xlsx']) {
      const response = await exported(`/cases/export?region=${region}&format=${format}`, supervisor);
      const text = format === 'csv' ? response.body : JSON.stringify(await xlsxRows(response.rawPayload));
      expect(text).toContain('labour');
      expect(text).not.toContain('partyNames');
      expect(text).not.toContain('Петров');
      expect(text).not.toContain('Plaintextova');
    }
  });

  it('each case whose names were exported is in the audit trail as read by the exporter', async () => {
    await exported('/cases/export?category=religion', group);
    const admin = { sub: 'u-admin', roles: ['admin' as const], regions: ['KZ'] };
    const trail = await service.call('GET', `/audit?user=${group.sub}&limit=100`, { claims: admin });
    const exports = (trail.json().items as Array<Record<string, unknown>>).filter(
      (entry) => entry.action === 'export',
    );
    // Two labour exports of 4 cases and one religion export of 1.
    expect(exports).toHaveLength(9);
    expect(exports[0]).toMatchObject({ kind: 'read', fields: ['parties.name'], personalDataReturned: true });
    const supervisorTrail = await service.call('GET', `/audit?user=${supervisor.sub}`, { claims: admin });
    expect(supervisorTrail.json().items).toEqual([]);
  });

  it('a bad format or filter is refused as a problem naming the field', async () => {
    const response = await service.call('GET', '/cases/export?format=pdf', { claims: group });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toContain('format');
  });

  it('the cases whose outcome was recorded in a period, listed and exported alike; a period backwards is refused naming outcomeFrom', async () => {
    const today = dayOf(service.clock.now);
    const period = `outcomeFrom=${today}&outcomeTo=${today}`;
    const list = await service.call('GET', `/cases?${period}&limit=100`, { claims: group });
    expect(list.statusCode).toBe(200);
    expect((list.json().items as Array<{ caseNumber: string }>).map((item) => item.caseNumber)).toEqual([
      ended.caseNumber,
    ]);
    const csv = (await exported(`/cases/export?${period}`, supervisor)).body;
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain(ended.caseNumber);
    const before = await service.call('GET', '/cases?outcomeTo=2000-01-01&limit=100', { claims: group });
    expect(before.json().items).toEqual([]);
    const backwards = await service.call('GET', `/cases?outcomeFrom=${today}&outcomeTo=2000-01-01`, {
      claims: group,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toContain(
      '/querystring/outcomeFrom',
    );
  });

  it('the cases escalated in a period, listed and exported alike', async () => {
    const today = dayOf(service.clock.now);
    const period = `escalatedFrom=${today}&escalatedTo=${today}`;
    const list = await service.call('GET', `/cases?${period}&limit=100`, { claims: group });
    expect(list.statusCode).toBe(200);
    expect((list.json().items as Array<{ caseNumber: string }>).map((item) => item.caseNumber)).toEqual([
      escalated.caseNumber,
    ]);
    const csv = (await exported(`/cases/export?${period}`, supervisor)).body;
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain(escalated.caseNumber);
    const later = await service.call('GET', '/cases?escalatedFrom=2999-01-01&limit=100', { claims: group });
    expect(later.json().items).toEqual([]);
  });
});

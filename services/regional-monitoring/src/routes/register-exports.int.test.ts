// The visits and recommendations registers through HTTP against the real broker and FerretDB: the
// lists' rows and scope, and no free text in them.
import { xlsxRows } from '@kelisim/service-kit/testing/xlsx-rows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const astana = '710000000';
const secretNote = 'Асқаров, "айтты"';

let h: ServiceUnderTest;
let supervisor: Record<string, string>;
let reviewer: Record<string, string>;
let member: Record<string, string>;
let astanaSupervisor: Record<string, string>;

async function post(url: string, headers: Record<string, string>, payload: object) {
  const response = await h.app.inject({ method: 'POST', url, headers, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

/** A visit planned, visited, approved, with `recommendations` issued from it. */
async function approvedVisit(recommendations: number): Promise<string> {
  const { id } = await post('/visits', supervisor, {
    region: almaty,
    districts: [almaly],
    plannedFrom: '2030-05-12',
    plannedTo: '2030-05-14',
    team: ['member-1'],
  });
  await post(`/visits/${id}/start`, member, {});
  await post(`/visits/${id}/submit`, member, {
    visitedFrom: '2030-05-12',
    visitedTo: '2030-05-13',
    findings: [{ indicator: 'rumours', score: 2, note: secretNote }],
    overallAssessment: secretNote,
  });
  await post(`/visits/${id}/review`, reviewer, { decision: 'approved' });
  for (let i = 0; i < recommendations; i++) {
    await post(`/visits/${id}/recommendations`, reviewer, {
      ownerGroupId: 'grp-75',
      dueDate: i === 0 ? '2030-05-20' : '2030-06-01',
      district: almaly,
      text: secretNote,
    });
  }
  return id as string;
}

beforeAll(async () => {
  h = await startServiceUnderTest('rm-exports');
  supervisor = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
  reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
  member = await h.auth.headers({
    sub: 'member-1',
    roles: ['group_member'],
    regions: [almaty],
    groups: ['grp-75'],
  });
  astanaSupervisor = await h.auth.headers({ sub: 'sup-ast', roles: ['supervisor'], regions: [astana] });
  await approvedVisit(2);
  await approvedVisit(1);
});
afterAll(async () => h?.close());

const get = (url: string, headers: Record<string, string>) => h.app.inject({ method: 'GET', url, headers });

describe('monitoring registers', () => {
  it('the visits XLSX read back holds the list’s visits, in its order', async () => {
    const list = (await get('/visits?limit=100', member)).json().items as Array<Record<string, unknown>>;
    const file = await get('/visits/export?format=xlsx', member);
    expect(file.statusCode, file.body).toBe(200);
    const rows = await xlsxRows(file.rawPayload);
    expect(rows.map((row) => row.visitId)).toEqual(list.map((visit) => visit.id));
    expect(rows[0]).toMatchObject({
      region: almaty,
      districts: almaly,
      status: 'reviewed',
      decision: 'approved',
      findings: 1,
      findingsScore: list[0]?.findingsScore,
    });
    expect(JSON.stringify(rows)).not.toContain('Асқаров');
  });

  it('the recommendations CSV holds the list’s rows with the same filter, no text', async () => {
    const list = (await get('/recommendations?status=open&limit=100', member)).json().items as Array<
      Record<string, unknown>
    >;
    expect(list).toHaveLength(3);
    const file = await get('/recommendations/export?status=open', member);
    expect(file.statusCode, file.body).toBe(200);
    const lines = file.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '\uFEFFrecommendationId,visitId,region,district,ownerGroupId,indicator,priority,status,dueDate,pastDue,overdueSince,completedOn,issuedAt',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(list.map((r) => r.id));
    expect(lines.filter((line) => line.includes(',2030-05-20,false,'))).toHaveLength(2);
    expect(file.body).not.toContain('Асқаров');
  });

  it('a supervisor of another region exports empty registers', async () => {
    for (const url of ['/visits/export', '/recommendations/export?format=xlsx']) {
      const file = await get(url, astanaSupervisor);
      expect(file.statusCode).toBe(200);
      if (url.endsWith('xlsx')) expect(await xlsxRows(file.rawPayload)).toEqual([]);
      else expect(file.body.split('\r\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('a mediator, who has no list of visits, has no register either', async () => {
    const mediator = await h.auth.headers({ sub: 'med-1', roles: ['mediator'], regions: [almaty] });
    expect((await get('/visits/export', mediator)).statusCode).toBe(403);
  });
});

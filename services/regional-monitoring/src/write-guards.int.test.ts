// Writes take only what the caller may set (issue 9): ids, versions, states, authors and dates the
// service owns are ignored and never stored, regions beyond the token are refused; strings and
// arrays have ceilings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const astana = '710000000';
const forged = 'forged-by-caller';
const owned = {
  _id: forged,
  id: forged,
  visitId: forged,
  version: 4242,
  createdAt: '1999-01-01T00:00:00.000Z',
  updatedAt: '1999-01-01T00:00:00.000Z',
  createdBy: forged,
  plannedBy: forged,
  leadSupervisorId: forged,
  submittedBy: forged,
  reviewedBy: forged,
  issuedBy: forged,
  status: 'approved',
};

let h: ServiceUnderTest;
let lead: { authorization: string };
let member: { authorization: string };
let reviewer: { authorization: string };
let admin: { authorization: string };
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

const call = async (url: string, headers: object, payload: object, method: 'POST' | 'PATCH' = 'POST') =>
  h.app.inject({ method, url, headers: { ...headers }, payload });
const visit = {
  region: almaty,
  districts: [almaly],
  plannedFrom: '2030-05-12',
  plannedTo: '2030-05-14',
  team: ['member-1'],
};

async function rawDatabase(): Promise<string> {
  const db = h.runtime.connection.getClient().db(h.runtime.connection.name);
  let raw = '';
  for (const { name } of await db.listCollections().toArray()) {
    raw += JSON.stringify(await db.collection(name).find({}).toArray());
  }
  return raw;
}

beforeAll(async () => {
  h = await startServiceUnderTest('rm-write-guards');
  lead = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
  member = await h.auth.headers({
    sub: 'member-1',
    roles: ['group_member'],
    regions: [almaty],
    groups: ['grp-75'],
  });
  reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
  admin = await h.auth.headers({ sub: 'admin-1', roles: ['admin'], regions: ['KZ'] });
});
afterAll(async () => h?.close());

describe('mass assignment', () => {
  it('ignores service-owned fields through a visit’s life and stores none of them', async () => {
    const planned = await call('/visits', lead, { ...owned, ...visit });
    expect(planned.statusCode, planned.body).toBe(201);
    const view: Json = planned.json();
    expect(view).toMatchObject({ status: 'planned', version: 1 });
    expect(view.id).not.toBe(forged);
    const started = await call(`/visits/${view.id}/start`, member, { ...owned });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in_progress');
    const submitted = await call(`/visits/${view.id}/submit`, member, {
      ...owned,
      visitedFrom: '2030-05-12',
      visitedTo: '2030-05-13',
      findings: [{ indicator: 'incidents_reported', score: 1, weight: 99, id: forged }],
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const reviewed = await call(`/visits/${view.id}/review`, reviewer, { ...owned, decision: 'approved' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const issued = await call(`/visits/${view.id}/recommendations`, reviewer, {
      ...owned,
      status: 'done',
      region: astana,
      ownerGroupId: 'grp-75',
      dueDate: '2030-06-01',
      district: almaly,
      text: 'Hold a joint meeting',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({
      status: 'open',
      region: almaty,
      visitId: view.id,
      issuedBy: 'sup-review',
    });
    const progressed = await call(`/recommendations/${issued.json().id}/status`, member, {
      ...owned,
      status: 'in_progress',
    });
    expect(progressed.statusCode, progressed.body).toBe(200);
    const indicator = await call('/indicators', admin, {
      ...owned,
      code: 'guarded_indicator',
      labels: { kk: 'Көрсеткіш', ru: 'Показатель' },
      direction: 'calming',
      weight: 0.1,
    });
    expect(indicator.statusCode, indicator.body).toBe(201);
    expect(indicator.json().version).toBe(1);

    const raw = await rawDatabase();
    expect(raw).not.toContain(forged);
    expect(raw).not.toContain('1999-01-01');
  });

  it('refuses a visit planned beyond the token’s regions', async () => {
    const response = await call('/visits', lead, { ...visit, region: astana, districts: [] });
    expect(response.statusCode).toBe(403);
  });
});

describe('size limits', () => {
  it('answers 400 to oversize strings and arrays', async () => {
    for (const [what, body] of [
      ['31 team members', { ...visit, team: Array.from({ length: 31 }, (_, i) => `user-${i}`) }],
      ['51 districts', { ...visit, districts: Array.from({ length: 51 }, () => almaly) }],
    ] as const) {
      const response = await call('/visits', lead, body);
      expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBe(400);
    }
    const { id } = (await call('/visits', lead, visit)).json();
    await call(`/visits/${id}/start`, member, {});
    const tooMany = await call(`/visits/${id}/submit`, member, {
      visitedFrom: '2030-05-12',
      visitedTo: '2030-05-13',
      findings: Array.from({ length: 101 }, () => ({ indicator: 'incidents_reported', score: 1 })),
    });
    expect(tooMany.statusCode).toBe(400);
    const tooLong = await call(`/visits/${id}/submit`, member, {
      visitedFrom: '2030-05-12',
      visitedTo: '2030-05-13',
      findings: [{ indicator: 'incidents_reported', score: 1, note: 'x'.repeat(2_001) }],
      overallAssessment: 'x'.repeat(10_001),
    });
    expect(tooLong.statusCode).toBe(400);
  });
});

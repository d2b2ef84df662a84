// The access matrix (issue 9): every endpoint, called as every role and without a token, from
// inside and from outside the records' region, compared with the matrix declared below. Inside
// means a token for Almaty (the group member is on the visit team and in the owner group);
// outside, a token for Astana. Each command cell gets a fresh record in the state the command
// needs, so that only authorisation decides. Classes: `allowed` passed authorisation (2xx, or
// 409/422 from a rule), `empty` an answer without the region's records. Indicators are the
// republic-wide catalogue: no region, so no scope applies.
import { matrixRoles, runAccessMatrix } from '@kelisim/service-kit/testing/access-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

type Outcome = 'allowed' | 'empty' | 'forbidden' | 'hidden' | 'unauthenticated';
const roles = matrixRoles;
type Role = (typeof roles)[number];
type Scope = 'in' | 'out';
type Cells = Partial<Record<Role, Outcome>>;
type Expected = Record<Scope, Record<Role, Outcome>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

const almaty = '750000000';
const almaly = '751110000';
const astana = '710000000';
const fill = (given: Cells, rest: Outcome) =>
  Object.fromEntries(
    roles.map((role) => [role, role === 'none' ? 'unauthenticated' : (given[role] ?? rest)]),
  );
const row = (inside: Cells, outside: Cells, rest: Outcome = 'forbidden'): Expected =>
  ({ in: fill(inside, rest), out: fill(outside, rest) }) as Expected;

const readers: Array<Role> = ['supervisor', 'group_member', 'admin'];
const as = (who: Role[], outcome: Outcome): Cells => Object.fromEntries(who.map((role) => [role, outcome]));
// Reads of a regional record: supervisors, group members and admins of the territory.
const readRecord = row(as(readers, 'allowed'), as(readers, 'hidden'));
const readList = row(as(readers, 'allowed'), as(readers, 'empty'));
// Field work: the visit team (a group member here); review and recommendations: supervisors.
const teamCommand = row({ group_member: 'allowed' }, as(['group_member', 'supervisor'], 'hidden'));
const supervisorCommand = row({ supervisor: 'allowed' }, { supervisor: 'hidden' });
const catalogueRead = row(
  as([...readers, 'mediator', 'coordinator'], 'allowed'),
  as([...readers, 'mediator', 'coordinator'], 'allowed'),
);
const catalogueWrite = row({ admin: 'allowed' }, { admin: 'allowed' });

type Fixture = 'planned' | 'in_progress' | 'submitted' | 'draft' | 'recommendation' | 'shared';
type Call = {
  method: 'GET' | 'POST' | 'PATCH';
  url: (id: string) => string;
  body?: () => object;
  fixture: Fixture;
  /** For lists: whether the answer holds the planted region's records. */
  listed?: (body: Json) => boolean;
};

let sequence = 0;
const holdsAlmaty = (body: Json) => JSON.stringify(body).includes(almaty);
const endpoints: Array<[string, Call, Expected]> = [
  [
    'POST /visits',
    {
      method: 'POST',
      url: () => '/visits',
      fixture: 'shared',
      body: () => ({
        region: almaty,
        districts: [almaly],
        plannedFrom: '2030-05-12',
        plannedTo: '2030-05-14',
        team: ['u-x'],
      }),
    },
    row({ supervisor: 'allowed' }, {}),
  ],
  [
    'GET /visits',
    { method: 'GET', url: () => '/visits?limit=100', fixture: 'shared', listed: holdsAlmaty },
    readList,
  ],
  ['GET /visits/:id', { method: 'GET', url: (id) => `/visits/${id}`, fixture: 'submitted' }, readRecord],
  [
    'POST /visits/:id/start',
    { method: 'POST', url: (id) => `/visits/${id}/start`, fixture: 'planned' },
    teamCommand,
  ],
  [
    'POST /visits/:id/submit',
    {
      method: 'POST',
      url: (id) => `/visits/${id}/submit`,
      fixture: 'in_progress',
      body: () => ({
        visitedFrom: '2030-05-12',
        visitedTo: '2030-05-13',
        findings: [{ indicator: 'incidents_reported', score: 1 }],
      }),
    },
    teamCommand,
  ],
  [
    'POST /visits/:id/review',
    {
      method: 'POST',
      url: (id) => `/visits/${id}/review`,
      fixture: 'submitted',
      body: () => ({ decision: 'approved' }),
    },
    supervisorCommand,
  ],
  [
    'POST /visits/:id/recommendations',
    {
      method: 'POST',
      url: (id) => `/visits/${id}/recommendations`,
      fixture: 'submitted',
      body: () => ({
        ownerGroupId: 'grp-75',
        dueDate: '2030-06-01',
        district: almaly,
        text: 'Hold a joint meeting',
      }),
    },
    supervisorCommand,
  ],
  [
    'GET /recommendations',
    { method: 'GET', url: () => '/recommendations?limit=100', fixture: 'shared', listed: holdsAlmaty },
    readList,
  ],
  [
    'GET /recommendations/:id',
    { method: 'GET', url: (id) => `/recommendations/${id}`, fixture: 'recommendation' },
    readRecord,
  ],
  [
    'PATCH /recommendations/:id',
    {
      method: 'PATCH',
      url: (id) => `/recommendations/${id}`,
      fixture: 'draft',
      body: () => ({ text: 'Hold a joint meeting with the elders' }),
    },
    supervisorCommand,
  ],
  [
    'POST /recommendations/:id/status',
    {
      method: 'POST',
      url: (id) => `/recommendations/${id}/status`,
      fixture: 'recommendation',
      body: () => ({ status: 'in_progress' }),
    },
    row(as(['supervisor', 'group_member'], 'allowed'), as(['supervisor', 'group_member'], 'hidden')),
  ],
  ['GET /indicators', { method: 'GET', url: () => '/indicators', fixture: 'shared' }, catalogueRead],
  [
    'GET /indicators/:code',
    { method: 'GET', url: () => '/indicators/incidents_reported', fixture: 'shared' },
    catalogueRead,
  ],
  [
    'POST /indicators',
    {
      method: 'POST',
      url: () => '/indicators',
      fixture: 'shared',
      body: () => ({
        code: `matrix_${++sequence}`,
        labels: { kk: 'Көрсеткіш', ru: 'Показатель' },
        direction: 'calming',
        weight: 0.1,
      }),
    },
    catalogueWrite,
  ],
  [
    'PATCH /indicators/:code',
    {
      method: 'PATCH',
      url: () => '/indicators/incidents_reported',
      fixture: 'shared',
      body: () => ({ weight: 0.5 }),
    },
    catalogueWrite,
  ],
  ['GET /risk', { method: 'GET', url: () => '/risk', fixture: 'shared', listed: holdsAlmaty }, readList],
  [
    'GET /regions/:region/risk',
    { method: 'GET', url: () => `/regions/${almaty}/risk`, fixture: 'shared' },
    readRecord,
  ],
  [
    'GET /regions/:region/risk/history',
    { method: 'GET', url: () => `/regions/${almaty}/risk/history`, fixture: 'shared' },
    readRecord,
  ],
  [
    'GET /regions/:region/statistics',
    { method: 'GET', url: () => `/regions/${almaty}/statistics`, fixture: 'shared' },
    readRecord,
  ],
];

let h: ServiceUnderTest;
let lead: { authorization: string };
let team: { authorization: string };
let reviewer: { authorization: string };

function claimsFor(role: Exclude<Role, 'none'>, scope: Scope) {
  const regions = [scope === 'in' ? almaty : astana];
  return {
    sub: `u-${role}-${scope}`,
    roles: [role],
    regions,
    groups: scope === 'in' ? ['grp-75'] : ['grp-71'],
  };
}

async function post(url: string, headers: object, payload?: object): Promise<Json> {
  const response = await h.app.inject({
    method: 'POST',
    url,
    headers: { ...headers },
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

/** A fresh record in the state a command needs; the visit team is the group member of Almaty. */
async function prepare(fixture: Fixture, shared: string): Promise<string> {
  if (fixture === 'shared') return shared;
  const { id } = await post('/visits', lead, {
    region: almaty,
    districts: [almaly],
    plannedFrom: '2030-05-12',
    plannedTo: '2030-05-14',
    team: ['u-group_member-in'],
  });
  if (fixture === 'planned') return id;
  await post(`/visits/${id}/start`, team);
  if (fixture === 'in_progress') return id;
  await post(`/visits/${id}/submit`, team, {
    visitedFrom: '2030-05-12',
    visitedTo: '2030-05-13',
    findings: [{ indicator: 'incidents_reported', score: 1 }],
  });
  if (fixture === 'submitted') return id;
  // A recommendation written before the review is a draft; one from the approved visit is issued.
  if (fixture === 'recommendation') await post(`/visits/${id}/review`, reviewer, { decision: 'approved' });
  const recommendation = await post(`/visits/${id}/recommendations`, reviewer, {
    ownerGroupId: 'grp-75',
    dueDate: '2030-06-01',
    district: almaly,
    text: 'Hold a joint meeting',
  });
  return recommendation.id;
}

function classify(call: Call, status: number, body: Json): Outcome | `unexpected ${number}` {
  if (call.listed && status === 200) return call.listed(body) ? 'allowed' : 'empty';
  if ((status >= 200 && status < 300) || status === 409 || status === 422) return 'allowed';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  if (status === 401) return 'unauthenticated';
  return `unexpected ${status}`;
}

beforeAll(async () => {
  h = await startServiceUnderTest('rm-access-matrix');
  lead = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
  team = await h.auth.headers(claimsFor('group_member', 'in'));
  reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
});
afterAll(async () => h?.close());

describe('the access matrix', () => {
  it('matches the declared outcome for every endpoint, role and scope', async () => {
    const shared = await prepare('recommendation', '');
    // A record is reused until a call changes it (a 2xx), then the next cell gets a fresh one.
    const ready = new Map<Fixture, string>();
    const recordFor = async (fixture: Fixture) => {
      const id = ready.get(fixture) ?? (await prepare(fixture, shared));
      ready.set(fixture, id);
      return id;
    };
    await runAccessMatrix({
      service: 'regional-monitoring',
      // The catalogue carries no region: an outside success there is no leak.
      endpoints: endpoints.map(([name, call, expected]) => ({
        name,
        call,
        expected,
        scoped: expected.out.admin !== 'allowed',
      })),
      cell: async ({ call }, role, scope) => {
        const id = await recordFor(call.fixture);
        const headers = role === 'none' ? {} : await h.auth.headers(claimsFor(role, scope));
        const body = call.body?.();
        const response = await h.app.inject({
          method: call.method,
          url: call.url(id),
          headers,
          ...(body ? { payload: body } : {}),
        });
        if (response.statusCode < 300 && call.method !== 'GET') ready.delete(call.fixture);
        return classify(call, response.statusCode, response.json());
      },
    });
  }, 180_000);
});

describe('commands tell a role without read access nothing', () => {
  it('refuses a mediator or coordinator of the region before looking at the visit', async () => {
    const id = await prepare('submitted', '');
    for (const role of ['mediator', 'coordinator'] as const) {
      const headers = await h.auth.headers(claimsFor(role, 'in'));
      const read = await h.app.inject({ method: 'GET', url: `/visits/${id}`, headers });
      expect(read.statusCode).toBe(403);
      // A started visit cannot start again: a 409 naming its state would tell what the read did not.
      const start = await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers });
      expect(start.statusCode, start.body).toBe(403);
      expect(start.json().currentState).toBeUndefined();
      const missing = await h.app.inject({ method: 'POST', url: '/visits/no-such-visit/start', headers });
      expect(missing.statusCode).toBe(403);
    }
  });
});

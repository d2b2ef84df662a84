// The access matrix (issue 9): every endpoint, called as every role and without a token, from
// inside and from outside the records' region, compared with the matrix declared below. Inside
// means a token for Almaty (the group member is a member of the Auezov district group that holds
// the alert); outside, a token for Astana that still claims that group, so that only the
// territory check can refuse it. Classes: `allowed` passed authorisation (2xx, or 409/422 from a
// rule), `empty` a list without the planted records. Rules are republic-wide settings without a
// region; seeding the directory needs an administrator of the whole republic. The live stream (SSE) shares GET /groups/:id/alerts'
// check and is left out: an allowed stream never ends under inject().
import { matrixRoles, runAccessMatrix } from '@kelisim/service-kit/testing/access-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  district,
  districtGroupId,
  eventually,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

type Outcome = 'allowed' | 'empty' | 'forbidden' | 'hidden' | 'unauthenticated';
const roles = matrixRoles;
type Role = (typeof roles)[number];
type Scope = 'in' | 'out';
type Cells = Partial<Record<Role, Outcome>>;
type Expected = Record<Scope, Record<Role, Outcome>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

const astana = '710000000';
const almaly = '751110000';
const almalyGroupId = `grp-${almaly}`;
const fill = (given: Cells, rest: Outcome) =>
  Object.fromEntries(
    roles.map((role) => [role, role === 'none' ? 'unauthenticated' : (given[role] ?? rest)]),
  );
const row = (inside: Cells, outside: Cells, rest: Outcome = 'hidden'): Expected =>
  ({ in: fill(inside, rest), out: fill(outside, rest) }) as Expected;

// A group's records: its members and administrators of its territory; nobody else sees them.
const groupRecord = row({ group_member: 'allowed', admin: 'allowed' }, {});
const groupList = row({ group_member: 'allowed', admin: 'allowed' }, {}, 'empty');
const adminOfTerritory = row({ admin: 'allowed' }, {});

type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: () => string;
  body?: () => object;
  /** For lists: whether the answer holds the planted record. */
  listed?: (body: Json) => boolean;
  /** Runs before each cell, e.g. to recreate what the previous cell deleted. */
  prepare?: () => Promise<void>;
  /** Republic-wide settings: no region, so no scope applies. */
  unscoped?: boolean;
};

let fx: ServiceUnderTest;
let alertId: string;
let ruleId: string;
let ruleBody: object;

const ids = (body: Json, field: string, id: string) =>
  body.items.some((item: Record<string, string>) => item[field] === id);
const endpoints: Array<[string, Call, Expected]> = [
  [
    'GET /groups',
    { method: 'GET', url: () => '/groups?limit=100', listed: (b) => ids(b, 'id', districtGroupId) },
    groupList,
  ],
  [
    'POST /groups',
    { method: 'POST', url: () => '/groups', body: () => ({ level: 'district', district: almaly }) },
    row({ admin: 'allowed' }, {}, 'forbidden'),
  ],
  [
    'POST /groups/seed',
    { method: 'POST', url: () => '/groups/seed', body: () => ({ districts: [] }) },
    row({}, {}, 'forbidden'), // the directory spans the republic: only a KZ administrator seeds it
  ],
  ['GET /groups/:id', { method: 'GET', url: () => `/groups/${districtGroupId}` }, groupRecord],
  [
    'PUT /groups/:id',
    {
      method: 'PUT',
      url: () => `/groups/${regionGroupId}`,
      body: () => ({ names: { kk: 'Алматы', ru: 'Алматы' }, members: [{ userId: 'r-ru', language: 'ru' }] }),
    },
    adminOfTerritory,
  ],
  [
    'DELETE /groups/:id',
    {
      method: 'DELETE',
      url: () => `/groups/${almalyGroupId}`,
      prepare: async () => {
        const kz = await fx.admin();
        await fx.service.app.inject({
          method: 'POST',
          url: '/groups',
          headers: kz,
          payload: { level: 'district', district: almaly },
        });
      },
    },
    adminOfTerritory,
  ],
  ['GET /groups/:id/alerts', { method: 'GET', url: () => `/groups/${districtGroupId}/alerts` }, groupRecord],
  [
    'GET /alerts',
    { method: 'GET', url: () => '/alerts?limit=100', listed: (b) => ids(b, 'alertId', alertId) },
    groupList,
  ],
  ['GET /alerts/:id', { method: 'GET', url: () => `/alerts/${alertId}` }, groupRecord],
  ['GET /alerts/:id/deliveries', { method: 'GET', url: () => `/alerts/${alertId}/deliveries` }, groupRecord],
  ['POST /alerts/:id/read', { method: 'POST', url: () => `/alerts/${alertId}/read` }, groupRecord],
  [
    'POST /alerts/:id/acknowledge',
    { method: 'POST', url: () => `/alerts/${alertId}/acknowledge`, body: () => ({ note: null }) },
    groupRecord,
  ],
  [
    'POST /alerts/:id/resolve',
    { method: 'POST', url: () => `/alerts/${alertId}/resolve`, body: () => ({ resolution: 'handled' }) },
    groupRecord,
  ],
  // Everyone's own: any signed-in caller reads and sets their preferences, wherever they are.
  [
    'GET /me/preferences',
    { method: 'GET', url: () => '/me/preferences', unscoped: true },
    row({}, {}, 'allowed'),
  ],
  [
    'PUT /me/preferences',
    {
      method: 'PUT',
      url: () => '/me/preferences',
      body: () => ({ language: 'kk', channels: { inbox: true, email: false } }),
      unscoped: true,
    },
    row({}, {}, 'allowed'),
  ],
  // Names of people, for those who manage them, wherever the people are.
  [
    'GET /people/names',
    { method: 'GET', url: () => '/people/names?ids=d-kk', unscoped: true },
    row(
      { admin: 'allowed', coordinator: 'allowed', supervisor: 'allowed' },
      { admin: 'allowed', coordinator: 'allowed', supervisor: 'allowed' },
      'forbidden',
    ),
  ],
  [
    'GET /rules',
    { method: 'GET', url: () => '/rules', unscoped: true },
    row({ admin: 'allowed' }, { admin: 'allowed' }, 'forbidden'),
  ],
  [
    'PUT /rules/:id',
    { method: 'PUT', url: () => `/rules/${ruleId}`, body: () => ruleBody, unscoped: true },
    row({ admin: 'allowed' }, { admin: 'allowed' }),
  ],
];

function claimsFor(role: Exclude<Role, 'none'>, scope: Scope) {
  if (scope === 'in') {
    const sub = role === 'group_member' ? 'd-kk' : `u-${role}-in`;
    return { sub, roles: [role], regions: [region] };
  }
  return {
    sub: role === 'group_member' ? 'd-kk' : `u-${role}-out`,
    roles: [role],
    regions: [astana],
    groups: [districtGroupId],
  };
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
  fx = await startServiceUnderTest('nt-access-matrix');
  const event = fx.caseEvent('case.escalated.v1', 'case-matrix');
  await fx.publish(event);
  const member = await fx.districtMember();
  const [alert] = await eventually(async () => {
    const found = await fx.inboxFor(districtGroupId, member, event.id);
    expect(found.length).toBeGreaterThan(0);
    return found;
  });
  alertId = alert!.alertId;
  const rules = await fx.service.app.inject({ method: 'GET', url: '/rules', headers: await fx.admin() });
  const [rule] = rules.json().items;
  ruleId = rule.id ?? rule.ruleId ?? rule._id;
  ruleBody = { minSeverity: rule.minSeverity, targets: rule.targets, enabled: rule.enabled };
  expect(district).toBe('751310000');
}, 120_000);
afterAll(async () => fx?.close());

describe('the access matrix', () => {
  it('matches the declared outcome for every endpoint, role and scope', async () => {
    await runAccessMatrix({
      service: 'notifications',
      endpoints: endpoints.map(([name, call, expected]) => ({
        name,
        call,
        expected,
        scoped: !call.unscoped,
      })),
      cell: async ({ call }, role, scope) => {
        await call.prepare?.();
        const headers = role === 'none' ? {} : await fx.auth.headers(claimsFor(role, scope));
        const body = call.body?.();
        const response = await fx.service.app.inject({
          method: call.method,
          url: call.url(),
          headers,
          ...(body ? { payload: body } : {}),
        });
        return classify(call, response.statusCode, response.body ? response.json() : null);
      },
    });
  }, 180_000);
});

// The access matrix (issue 9): every endpoint, called as every role and without a token, from
// inside and from outside the records' region, compared with the matrix declared below. Inside
// means a token for Almaty (for a mediator: the mediator's own user); outside, a token for Astana.
// Classes: `allowed` passed authorisation (2xx, or 409/422 when the state or a rule refuses),
// `empty` a list without the records, `unknown` a 422 saying a referenced record is not visible.
// Courses are the Center's republic-wide catalogue: they carry no region, so no scope applies.
import { matrixRoles, runAccessMatrix } from '@kelisim/service-kit/testing/access-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

type Outcome = 'allowed' | 'empty' | 'unknown' | 'forbidden' | 'hidden' | 'unauthenticated';
const roles = matrixRoles;
type Role = (typeof roles)[number];
type Scope = 'in' | 'out';
type Cells = Partial<Record<Role, Outcome>>;
type Expected = Record<Scope, Record<Role, Outcome>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

const almaty = '750000000';
const astana = '710000000';
const fill = (given: Cells, rest: Outcome) =>
  Object.fromEntries(
    roles.map((role) => [role, role === 'none' ? 'unauthenticated' : (given[role] ?? rest)]),
  );
const row = (inside: Cells, insideRest: Outcome, outside: Cells, outsideRest: Outcome): Expected =>
  ({ in: fill(inside, insideRest), out: fill(outside, outsideRest) }) as Expected;

const managers: Cells = { coordinator: 'allowed', admin: 'allowed' };
// A record of one mediator: the mediator and the territory's managers read it; nobody else sees it.
const readOwn = row({ ...managers, mediator: 'allowed' }, 'hidden', {}, 'hidden');
const listOwn = row({ ...managers, mediator: 'allowed' }, 'empty', {}, 'empty');
// Commands on it: managers of the territory act, the mediator reads but may not act.
const manageOwn = row({ ...managers, mediator: 'forbidden' }, 'hidden', {}, 'hidden');
const catalogueWrite = row(managers, 'forbidden', managers, 'forbidden');
const catalogueRead = row({}, 'allowed', {}, 'allowed');

type Ids = { mediatorId: string; courseId: string; enrolmentId: string; certificationId: string };
type Call = {
  method: 'GET' | 'POST' | 'PATCH';
  url: (ids: Ids) => string;
  body?: () => object;
  /** For lists: whether the answer holds the planted record. */
  listed?: (body: Json, ids: Ids) => boolean;
};

let sequence = 0;
const has = (field: keyof Ids) => (body: Json, ids: Ids) =>
  body.items.some((item: Record<string, string>) => item[field] === ids[field]);
const course = {
  title: { kk: 'Курс', ru: 'Курс' },
  modules: [{ moduleId: 'm1', title: { kk: 'Модуль', ru: 'Модуль' }, hours: 10 }],
  requiredHours: 8,
  passMark: 60,
  validityMonths: 36,
};

const endpoints: Array<[string, Call, Expected]> = [
  [
    'POST /mediators',
    {
      method: 'POST',
      url: () => '/mediators',
      body: () => ({
        userId: `u-new-${++sequence}`,
        name: 'Test Mediator',
        homeRegion: almaty,
        languages: ['kk'],
      }),
    },
    row(managers, 'forbidden', {}, 'forbidden'),
  ],
  [
    'GET /mediators',
    { method: 'GET', url: () => '/mediators?limit=100', listed: has('mediatorId') },
    listOwn,
  ],
  // A mediator's name is for everyone working in a territory the mediator covers.
  [
    'GET /mediators/names',
    { method: 'GET', url: (ids) => `/mediators/names?ids=${ids.mediatorId}`, listed: has('mediatorId') },
    row({}, 'allowed', {}, 'empty'),
  ],
  ['GET /mediators/:id', { method: 'GET', url: (ids) => `/mediators/${ids.mediatorId}` }, readOwn],
  [
    'PATCH /mediators/:id',
    {
      method: 'PATCH',
      url: (ids) => `/mediators/${ids.mediatorId}`,
      body: () => ({ languages: ['kk', 'ru'] }),
    },
    manageOwn,
  ],
  [
    'GET /mediators/:id/record',
    { method: 'GET', url: (ids) => `/mediators/${ids.mediatorId}/record` },
    readOwn,
  ],
  ['POST /courses', { method: 'POST', url: () => '/courses', body: () => course }, catalogueWrite],
  [
    'GET /courses',
    { method: 'GET', url: () => '/courses?limit=100', listed: has('courseId') },
    catalogueRead,
  ],
  ['GET /courses/:id', { method: 'GET', url: (ids) => `/courses/${ids.courseId}` }, catalogueRead],
  [
    'PATCH /courses/:id',
    { method: 'PATCH', url: (ids) => `/courses/${ids.courseId}`, body: () => ({ passMark: 60 }) },
    catalogueWrite,
  ],
  [
    'POST /enrolments',
    { method: 'POST', url: () => '/enrolments', body: () => ({}) },
    row({ ...managers, mediator: 'forbidden' }, 'unknown', {}, 'unknown'),
  ],
  [
    'GET /enrolments',
    { method: 'GET', url: () => '/enrolments?limit=100', listed: has('enrolmentId') },
    listOwn,
  ],
  ['GET /enrolments/:id', { method: 'GET', url: (ids) => `/enrolments/${ids.enrolmentId}` }, readOwn],
  [
    'POST /enrolments/:id/attendance',
    {
      method: 'POST',
      url: (ids) => `/enrolments/${ids.enrolmentId}/attendance`,
      body: () => ({ moduleId: 'm1', hours: 1 }),
    },
    manageOwn,
  ],
  [
    'POST /enrolments/:id/assessment',
    {
      method: 'POST',
      url: (ids) => `/enrolments/${ids.enrolmentId}/assessment`,
      body: () => ({ score: 90 }),
    },
    manageOwn,
  ],
  [
    'GET /certifications',
    { method: 'GET', url: () => '/certifications?limit=100', listed: has('certificationId') },
    listOwn,
  ],
  [
    'GET /certifications/:id',
    { method: 'GET', url: (ids) => `/certifications/${ids.certificationId}` },
    readOwn,
  ],
  ...(
    [
      ['suspend', { reason: 'complaint_under_review' }],
      ['reinstate', undefined],
      ['renew', undefined],
      ['revoke', { reason: 'misconduct' }],
    ] as const
  ).map(([command, body]): [string, Call, Expected] => [
    `POST /certifications/:id/${command}`,
    {
      method: 'POST',
      url: (ids) => `/certifications/${ids.certificationId}/${command}`,
      ...(body ? { body: () => body } : {}),
    },
    manageOwn,
  ]),
];

let svc: ServiceUnderTest;
let ids: Ids;

function claimsFor(role: Exclude<Role, 'none'>, scope: Scope) {
  if (scope === 'in')
    return { sub: role === 'mediator' ? 'u-med-1' : `u-${role}-in`, roles: [role], regions: [almaty] };
  return { sub: `u-${role}-out`, roles: [role], regions: [astana] };
}

function classify(call: Call, status: number, body: Json): Outcome | `unexpected ${number}` {
  if (call.listed && status === 200) return call.listed(body, ids) ? 'allowed' : 'empty';
  if (status === 422 && /\.unknown_/.test(String(body?.code))) return 'unknown';
  if ((status >= 200 && status < 300) || status === 409 || status === 422) return 'allowed';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  if (status === 401) return 'unauthenticated';
  return `unexpected ${status}`;
}

beforeAll(async () => {
  svc = await startServiceUnderTest('access-matrix');
  const coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
  const post = async (url: string, payload: object) => {
    const response = await svc.app.inject({ method: 'POST', url, payload, headers: coordinator });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const { mediatorId } = await post('/mediators', {
    userId: 'u-med-1',
    name: 'Matrix Mediator',
    homeRegion: almaty,
    languages: ['kk'],
  });
  const { courseId } = await post('/courses', course);
  const completed = await post('/enrolments', { mediatorId, courseId });
  await post(`/enrolments/${completed.enrolmentId}/attendance`, { moduleId: 'm1', hours: 10 });
  const { certificationId } = await post(`/enrolments/${completed.enrolmentId}/assessment`, { score: 90 });
  const { enrolmentId } = await post('/enrolments', { mediatorId, courseId });
  ids = { mediatorId, courseId, enrolmentId, certificationId };
  // POST /enrolments names the planted mediator and course.
  const enrolment = endpoints.find(([name]) => name === 'POST /enrolments');
  if (enrolment) enrolment[1].body = () => ({ mediatorId, courseId });
});
afterAll(async () => svc?.close());

describe('the access matrix', () => {
  it('matches the declared outcome for every endpoint, role and scope', async () => {
    await runAccessMatrix({
      service: 'mediator-training',
      // Catalogue endpoints carry no region: an outside success there is no leak.
      endpoints: endpoints.map(([name, call, expected]) => ({
        name,
        call,
        expected,
        scoped: expected.out.coordinator !== 'allowed',
      })),
      cell: async ({ call }, role, scope) => {
        const headers = role === 'none' ? {} : await svc.auth.headers(claimsFor(role, scope));
        const body = call.body?.();
        const response = await svc.app.inject({
          method: call.method,
          url: call.url(ids),
          headers,
          ...(body ? { payload: body } : {}),
        });
        return classify(call, response.statusCode, response.json());
      },
    });
  });
});

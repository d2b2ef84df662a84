// The access matrix (issue 9): every endpoint, called as every role and without a token, from
// inside and from outside the case's region, compared with the matrix declared below. Inside means
// a token for the case's region (for a mediator: the one who registered it); outside, a token for
// another region. Outcomes are classes: `allowed` passed authorisation (2xx, or 409/422 when the
// case's state refuses the command), `empty` a list without the case.
import { dayOf } from '@kelisim/contracts/calendar';
import {
  classifyStatus,
  type MatrixRole,
  type MatrixScope,
  matrixRoles,
  runAccessMatrix,
} from '@kelisim/service-kit/testing/access-matrix';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { caseRequests, newCase, region, seedQualifiedMediator } from './routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

type Outcome = 'allowed' | 'empty' | 'forbidden' | 'hidden' | 'unauthenticated';
const roles = matrixRoles;
type Role = MatrixRole;
type Scope = MatrixScope;
type Expected = Record<Scope, Record<Role, Outcome>>;

const otherRegion = '710000000';
const row = (inside: Partial<Record<Role, Outcome>>, outside: Partial<Record<Role, Outcome>>): Expected => {
  const fill = (given: Partial<Record<Role, Outcome>>, rest: Outcome) =>
    Object.fromEntries(
      roles.map((role) => [role, role === 'none' ? 'unauthenticated' : (given[role] ?? rest)]),
    );
  return { in: fill(inside, 'allowed'), out: fill(outside, 'hidden') } as Expected;
};
// Commands: the case's mediator and its territory's group members, coordinators and admins act;
// supervisors read without acting; outside the territory the case does not exist.
const commandRow = row({ supervisor: 'forbidden' }, {});

type Call = { method: 'GET' | 'POST'; url: (caseId: string) => string; body?: (view: Json) => object };
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

const day = dayOf(new Date());
const endpoints: Array<[string, Call, Expected]> = [
  [
    'POST /cases',
    { method: 'POST', url: () => '/cases', body: () => newCase() },
    row(
      { supervisor: 'forbidden' },
      {
        mediator: 'forbidden',
        group_member: 'forbidden',
        supervisor: 'forbidden',
        coordinator: 'forbidden',
        admin: 'forbidden',
      },
    ),
  ],
  [
    'GET /cases',
    { method: 'GET', url: () => '/cases?limit=100' },
    row(
      {},
      { mediator: 'empty', group_member: 'empty', supervisor: 'empty', coordinator: 'empty', admin: 'empty' },
    ),
  ],
  ['GET /cases/:caseId', { method: 'GET', url: (id) => `/cases/${id}` }, row({}, {})],
  ['GET /cases/:caseId/history', { method: 'GET', url: (id) => `/cases/${id}/history` }, row({}, {})],
  // Who reads the case reads whom it may be assigned to (empty for who may not assign).
  [
    'GET /cases/:caseId/eligible-mediators',
    { method: 'GET', url: (id) => `/cases/${id}/eligible-mediators` },
    row({}, {}),
  ],
  // The audit trail: administrators only, each within their territory.
  [
    'GET /audit',
    { method: 'GET', url: (id) => `/audit?caseId=${id}` },
    row(
      { mediator: 'forbidden', group_member: 'forbidden', supervisor: 'forbidden', coordinator: 'forbidden' },
      {
        mediator: 'forbidden',
        group_member: 'forbidden',
        supervisor: 'forbidden',
        coordinator: 'forbidden',
        admin: 'empty',
      },
    ),
  ],
  ...(
    [
      ['screen', () => ({ urgency: 'high' })],
      ['escalate', () => ({ level: 1, reason: 'violence_risk' })],
      ['record-consent', (view: Json) => ({ partyId: view.parties[0].partyId, consented: true })],
      ['assign', () => ({ mediatorId: 'med-1' })],
      ['record-session', () => ({ kind: 'caucus', heldOn: day, durationMinutes: 30 })],
      ['record-outcome', () => ({ outcome: 'none' })],
      ['follow-up', () => ({ followedUpOn: day, result: 'holding' })],
      ['close', () => ({})],
      ['reopen', () => ({ reason: 'agreement_breached' })],
      ['withdraw', () => ({ reason: 'settled_by_parties' })],
      ['decline', () => ({ reason: 'not_interethnic' })],
      ['refer-out', () => ({ reason: 'state_body_is_party', referredTo: 'akimat' })],
      // Last: it erases the first party (its repeats answer 422 already_erased, still `allowed`).
      ['withdraw-consent', (view: Json) => ({ partyId: view.parties[0].partyId })],
    ] as const
  ).map(([name, body]): [string, Call, Expected] => [
    `POST /cases/:caseId/${name}`,
    { method: 'POST', url: (id) => `/cases/${id}/${name}`, body },
    commandRow,
  ]),
];

let service: ServiceUnderTest;
let caseId: string;

function claimsFor(role: Exclude<Role, 'none'>, scope: Scope) {
  if (scope === 'in')
    return { sub: role === 'mediator' ? 'u-med-1' : `u-${role}-in`, roles: [role], regions: [region] };
  return { sub: `u-${role}-out`, roles: [role], regions: [otherRegion] };
}

function classify(status: number, body: Json): Outcome | `unexpected ${number}` {
  if (status === 200 && Array.isArray(body?.items)) {
    return body.items.some((item: { caseId: string }) => item.caseId === caseId) ? 'allowed' : 'empty';
  }
  return classifyStatus(status);
}

beforeAll(async () => {
  service = await startServiceUnderTest('access-matrix');
  await seedQualifiedMediator(service);
  ({ caseId } = await caseRequests(service, []).register());
});
afterAll(async () => service?.close());

describe('the access matrix', () => {
  // 200-odd requests in sequence: on a loaded two-core machine that takes longer than one test's default.
  it('matches the declared outcome for every endpoint, role and scope', { timeout: 240_000 }, async () => {
    await runAccessMatrix({
      service: 'case-intake',
      endpoints: endpoints.map(([name, call, expected]) => ({ name, call, expected })),
      cell: async ({ call }, role, scope) => {
        // A fresh ETag for every call, so that only authorisation and state decide.
        // Read from the store, not the API: an API read would add to the audit trail each time.
        const current = await service.cases.load(caseId);
        const headers: Record<string, string> = { 'if-match': `"${current?.version}"` };
        if (role !== 'none') {
          headers.authorization = `Bearer ${await service.auth.mint(claimsFor(role, scope))}`;
        }
        const response = await service.app.inject({
          method: call.method,
          url: call.url(caseId),
          headers,
          ...(call.body ? { payload: call.body(current) } : {}),
        });
        return classify(response.statusCode, response.json());
      },
    });
  });
});

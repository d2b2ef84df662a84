// case-intake through HTTP against the real broker and FerretDB: commands and their events,
// history replay, concurrency, idempotency, scoping, encryption at rest and input validation.
import { newEventId } from '@kelisim/contracts/envelope';
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaySummary, summaryOf } from '../domain/case-summary.ts';
import type { CaseState } from '../domain/case-types.ts';
import { sweepFollowUpsDue } from '../jobs/follow-up-due-sweep.ts';
import { CaseWriter } from '../store/case-writer.ts';
import { startTestService, type TestService } from '../test-app.test-support.ts';

const region = '750000000';
const district = '751310000';
const names = ['Plaintextova Aigerim', 'Plaintextov Bolat'];
const mediatorUser = { sub: 'u-med-1', roles: ['mediator' as const], regions: [region] };

let service: TestService;
let published: KafkaMessage[];
let day: string;

const newCase = (overrides: Record<string, unknown> = {}) => ({
  region,
  district,
  category: 'neighbourhood',
  urgency: 'high',
  riskFlags: ['large_group'],
  description: 'A dispute over a shared yard between two families.',
  parties: [
    { kind: 'individual', role: 'claimant', language: 'kk', name: names[0], contacts: '+7 701 000 00 01' },
    { kind: 'group', role: 'respondent', language: 'ru', name: names[1] },
  ],
  ...overrides,
});

async function register(body: object = newCase(), headers: Record<string, string> = {}) {
  const response = await service.call('POST', '/cases', { body, claims: mediatorUser, headers });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Runs a command with If-Match of the case's current ETag; answers the new case view. */
async function run(caseId: string, command: string, body: object = {}) {
  const current = await service.call('GET', `/cases/${caseId}`, { claims: mediatorUser });
  const response = await service.call('POST', `/cases/${caseId}/${command}`, {
    body,
    claims: mediatorUser,
    headers: { 'if-match': String(current.headers.etag) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function typesOn(caseId: string): string[] {
  return published
    .map((message) => JSON.parse(String(message.value)))
    .filter((event) => event.subject === caseId)
    .map((event) => event.type);
}

beforeAll(async () => {
  service = await startTestService('case-routes');
  published = await service.watch('cases');
  day = service.clock.now.toISOString().slice(0, 10);
  await service.mediators.saveProfile({
    mediatorId: 'med-1',
    userId: 'u-med-1',
    homeRegion: region,
    regions: [region],
    languages: ['kk'],
    status: 'active',
  });
  await service.mediators.changeCertification({
    mediatorId: 'med-1',
    certificationId: 'cert-1',
    state: 'valid',
    validFrom: '2020-01-01',
    validUntil: '2099-12-31',
  });
});
afterAll(async () => service?.close());

describe('a case from registration to closure, over HTTP', () => {
  let caseId: string;

  it('runs every command, publishes each command’s event on `cases`, and the history replays to the stored case', async () => {
    const registered = await register();
    caseId = registered.caseId;
    expect(registered).toMatchObject({ status: 'registered', version: 1, personalData: true });
    expect(registered.caseNumber).toMatch(/^EM-\d{4}-75-\d{6}$/);
    expect(registered.parties.map((party: { name: string }) => party.name)).toEqual(names);
    const [p1, p2] = registered.parties.map((party: { partyId: string }) => party.partyId);

    await run(caseId, 'screen', { urgency: 'critical' });
    await run(caseId, 'escalate', { level: 1, reason: 'violence_risk' });
    await run(caseId, 'record-consent', {
      partyId: p1,
      consented: true,
      communityConsent: true,
      community: 'kazakh',
    });
    await run(caseId, 'record-consent', { partyId: p2, consented: true });
    await run(caseId, 'assign', { mediatorId: 'med-1' });
    await run(caseId, 'record-session', {
      kind: 'joint',
      heldOn: day,
      durationMinutes: 90,
      attendeePartyIds: [p1, p2],
      notes: 'Both sides spoke.',
    });
    await run(caseId, 'record-outcome', {
      outcome: 'agreement',
      agreement: 'The yard is shared on weekdays.',
      followUpDue: '2099-01-01',
    });
    await run(caseId, 'follow-up', { followedUpOn: day, result: 'holding' });
    await run(caseId, 'close');
    await run(caseId, 'reopen', { reason: 'agreement_breached' });
    const withdrawn = await run(caseId, 'withdraw', { reason: 'settled_by_parties' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 12, mediatorId: 'med-1' });

    const expected = [
      'case.registered.v1',
      'case.screened.v1',
      'case.escalated.v1',
      'case.consent-recorded.v1',
      'case.consent-recorded.v1',
      'case.mediator-assigned.v1',
      'case.session-held.v1',
      'case.outcome-recorded.v1',
      'case.followed-up.v1',
      'case.closed.v1',
      'case.reopened.v1',
      'case.withdrawn.v1',
    ];
    await waitFor(() => expect(typesOn(caseId)).toEqual(expected));

    const history = await service.call('GET', `/cases/${caseId}/history`, { claims: mediatorUser });
    expect(history.statusCode).toBe(200);
    const commits = history.json().commits as Array<{ version: number; events: never[] }>;
    expect(commits.map((commit) => commit.version)).toEqual(expected.map((_, index) => index + 1));
    const stored = (await service.cases.load(caseId)) as unknown as CaseState;
    expect(replaySummary(commits.flatMap((commit) => commit.events))).toEqual(summaryOf(stored));
  });

  it('declines and refers out at screening, each with its event', async () => {
    const declined = (await register()).caseId;
    await run(declined, 'screen');
    await run(declined, 'decline', { reason: 'not_interethnic' });
    const referred = (await register()).caseId;
    await run(referred, 'screen');
    await run(referred, 'refer-out', { reason: 'state_body_is_party', referredTo: 'akimat' });
    await waitFor(() => {
      expect(typesOn(declined)).toContain('case.declined.v1');
      expect(typesOn(referred)).toContain('case.referred-out.v1');
    });
  });

  it('answers 409 with the current state and the allowed commands for a command the state does not allow', async () => {
    const response = await service.call('POST', `/cases/${caseId}/assign`, {
      body: { mediatorId: 'med-1' },
      claims: mediatorUser,
    });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ currentState: 'withdrawn', allowedCommands: [] });
  });

  it('answers 422 naming each failed condition when the assignment is refused', async () => {
    const created = await register();
    const id = created.caseId;
    await run(id, 'screen');
    await run(id, 'record-consent', { partyId: created.parties[0].partyId, consented: true });
    const response = await service.call('POST', `/cases/${id}/assign`, {
      body: { mediatorId: 'med-unknown' },
      claims: mediatorUser,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'assignment.refused',
      failedConditions: ['mediator_known', 'all_parties_consented'],
    });
  });
});

describe('versions and idempotency', () => {
  it('answers 412 to a command with a stale If-Match, and writes nothing', async () => {
    const created = await register();
    await run(created.caseId, 'screen');
    const response = await service.call('POST', `/cases/${created.caseId}/escalate`, {
      body: { level: 2, reason: 'violence_risk' },
      claims: mediatorUser,
      headers: { 'if-match': '"1"' },
    });
    expect(response.statusCode).toBe(412);
    expect(response.json()).toMatchObject({ currentVersion: 2 });
    expect((await service.cases.load(created.caseId))?.escalationLevel).toBe(0);
  });

  it('answers a repeated Idempotency-Key with the first case and creates no second', async () => {
    const headers = { 'idempotency-key': 'offline-capture-0042' };
    const first = await register(newCase({ urgency: 'low' }), headers);
    const before = await service.cases.cases.countDocuments({});
    const again = await service.call('POST', '/cases', {
      body: newCase({ urgency: 'low' }),
      claims: mediatorUser,
      headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId: first.caseId, caseNumber: first.caseNumber });
    expect(await service.cases.cases.countDocuments({})).toBe(before);
  });
});

describe('scope', () => {
  it('answers 404 to a group member of another region and to another mediator, and lists nothing of theirs', async () => {
    const { caseId } = await register();
    for (const claims of [
      { sub: 'u-astana', roles: ['group_member' as const], regions: ['710000000'] },
      { sub: 'u-med-2', roles: ['mediator' as const], regions: [region] },
    ]) {
      const response = await service.call('GET', `/cases/${caseId}`, { claims });
      expect(response.statusCode).toBe(404);
      expect((await service.call('POST', `/cases/${caseId}/screen`, { body: {}, claims })).statusCode).toBe(
        404,
      );
      const list = await service.call('GET', '/cases', { claims });
      expect(list.json().items).toEqual([]);
    }
  });

  it('shows the region’s cases to its group, with personal data, and hides it from supervisors', async () => {
    const { caseId } = await register();
    const group = await service.call('GET', `/cases/${caseId}`, {
      claims: { sub: 'u-g', roles: ['group_member'], regions: [region] },
    });
    expect(group.json().parties[0].name).toBe(names[0]);
    const supervisor = await service.call('GET', `/cases/${caseId}`, {
      claims: { sub: 'u-s', roles: ['supervisor'], regions: ['KZ'] },
    });
    expect(supervisor.statusCode).toBe(200);
    expect(supervisor.json()).toMatchObject({ personalData: false, description: null });
    expect(supervisor.json().parties[0].name).toBeNull();
  });
});

describe('lists', () => {
  it('filters by status, urgency, category and date and pages by cursor', async () => {
    for (let i = 0; i < 3; i++) await register(newCase({ category: 'religion', urgency: 'medium' }));
    const claims = { sub: 'u-g', roles: ['group_member' as const], regions: [region] };
    const first = await service.call(
      'GET',
      `/cases?category=religion&urgency=medium&status=registered&from=${day}&to=${day}&limit=2`,
      { claims },
    );
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    const second = await service.call(
      'GET',
      `/cases?category=religion&urgency=medium&limit=2&cursor=${page1.nextCursor}`,
      { claims },
    );
    const page2 = second.json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const ids = [...page1.items, ...page2.items].map((item: { caseId: string }) => item.caseId);
    expect(new Set(ids).size).toBe(3);
    const none = await service.call('GET', '/cases?category=religion&from=2000-01-01&to=2000-01-02', {
      claims,
    });
    expect(none.json().items).toEqual([]);
    const byMediator = await service.call('GET', '/cases?mediator=med-1', { claims });
    expect(byMediator.json().items.every((item: { mediatorId: string }) => item.mediatorId === 'med-1')).toBe(
      true,
    );
  });
});

describe('duplicates and follow-up', () => {
  it('suspects a new case in the same district with an overlapping party, on both cases', async () => {
    const body = (name: string) =>
      newCase({
        district: '751110000',
        parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name }],
      });
    const earlier = await register(body('Dup Party Name'));
    const later = await register(body('  dup   party NAME '));
    expect(later.duplicateSuspicions).toMatchObject([{ caseId: earlier.caseId, overlappingParties: 1 }]);
    const reloaded = (await service.call('GET', `/cases/${earlier.caseId}`, { claims: mediatorUser })).json();
    expect(reloaded.duplicateSuspicions).toMatchObject([{ caseId: later.caseId }]);
    await waitFor(() => {
      expect(typesOn(later.caseId)).toContain('case.duplicate-suspected.v1');
      expect(typesOn(earlier.caseId)).toContain('case.duplicate-suspected.v1');
    });
  });

  it('flags a follow-up once when its date passes, even with two sweeps racing', async () => {
    const { caseId, parties } = await register();
    await run(caseId, 'screen');
    for (const party of parties)
      await run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
    await run(caseId, 'assign', { mediatorId: 'med-1' });
    await run(caseId, 'record-session', { kind: 'caucus', heldOn: day, durationMinutes: 30 });
    const followUpDue = new Date(service.clock.now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    await run(caseId, 'record-outcome', { outcome: 'none', followUpDue });
    const writer = new CaseWriter(service.cases, service.relay);
    const later = new Date(service.clock.now.getTime() + 3 * 86_400_000);
    const deps = {
      cases: service.cases,
      writer,
      clock: () => later,
      newId: newEventId,
      logger: service.runtime.logger,
    };
    const counts = await Promise.all([sweepFollowUpsDue(deps), sweepFollowUpsDue(deps)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await waitFor(() =>
      expect(typesOn(caseId).filter((type) => type === 'case.follow-up-due.v1')).toHaveLength(1),
    );
    expect((await service.cases.load(caseId))?.followUpDueNotified).toBe(true);
  });
});

describe('personal data at rest and on the bus', () => {
  it('leaves no plaintext party name in any MongoDB document or Kafka message', async () => {
    await register();
    await waitFor(async () => expect(await service.cases.log.countUnpublished()).toBe(0));
    const db = service.runtime.connection.getClient().db(service.runtime.infra.dbName);
    const collections = await db.listCollections().toArray();
    let documents = 0;
    for (const { name } of collections) {
      const raw = JSON.stringify(await db.collection(name).find({}).toArray());
      documents += raw.length;
      for (const secret of [...names, '+7 701 000 00 01', 'shared yard']) expect(raw).not.toContain(secret);
    }
    expect(documents).toBeGreaterThan(0);
    expect(published.length).toBeGreaterThan(0);
    for (const message of published) {
      const text = String(message.value);
      for (const secret of names) expect(text).not.toContain(secret);
      expect(parseEnvelope(JSON.parse(text), { family: 'cases' }).ok).toBe(true);
    }
  });
});

describe('bad input answers 400 problem+json and writes nothing', () => {
  const long = 'x'.repeat(5_000);
  const cases: Array<[string, object]> = [
    ['a wrong type', newCase({ urgency: 3 })],
    ['an unknown region', newCase({ region: '990000000' })],
    ['an unknown district', newCase({ district: '759999000' })],
    ['a district outside the region', newCase({ district: '711110000' })],
    ['an unknown field', newCase({ secretField: true })],
    [
      'an unknown field in a party',
      newCase({ parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'A', iin: '1' }] }),
    ],
    ['an oversize description', newCase({ description: long })],
    [
      'an oversize party name',
      newCase({ parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: long }] }),
    ],
    ['no parties', newCase({ parties: [] })],
    ['a locality outside the district', newCase({ locality: '711110100' })],
  ];

  it(`registration with ${cases.map(([name]) => name).join(', ')}`, async () => {
    const before = await service.cases.log.commits.countDocuments({});
    for (const [name, body] of cases) {
      const response = await service.call('POST', '/cases', { body, claims: mediatorUser });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().errors.length, name).toBeGreaterThan(0);
    }
    expect(await service.cases.log.commits.countDocuments({})).toBe(before);
  });

  it('a command with a date in the wrong format, a wrong type or an unknown field', async () => {
    const { caseId } = await register();
    const before = await service.cases.log.commits.countDocuments({});
    for (const [command, body] of [
      ['record-session', { kind: 'joint', heldOn: '10.03.2026', durationMinutes: 30 }],
      ['record-outcome', { outcome: 'none', followUpDue: '2026-13-45' }],
      ['escalate', { level: '2', reason: 'violence_risk' }],
      ['screen', { urgency: 'high', priority: 1 }],
      ['withdraw', { reason: 'because I said so' }],
    ] as const) {
      const response = await service.call('POST', `/cases/${caseId}/${command}`, {
        body,
        claims: mediatorUser,
      });
      expect(response.statusCode, `${command}: ${response.body}`).toBe(400);
    }
    expect(await service.cases.log.commits.countDocuments({})).toBe(before);
  });
});

// Commands through HTTP against the real broker and FerretDB: each command's event on `cases`,
// history replay, 409/422 refusals, stale If-Match, Idempotency-Key, duplicates and the sweep.
import { registerCaseBody } from '@kelisim/contracts/api/cases';
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { fingerprintOf } from '@kelisim/service-kit/commands/creation';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaySummary, summaryOf } from '../domain/case-summary.ts';
import type { CaseState } from '../domain/case-types.ts';
import { sweepFollowUpsDue } from '../jobs/follow-up-due-sweep.ts';
import { caseRunner } from '../store/case-command-runner.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import {
  caseRequests,
  mediatorUser,
  names,
  newCase,
  seedQualifiedMediator,
} from './case-requests.test-support.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;
let day: string;
const register = (...args: Parameters<typeof requests.register>) => requests.register(...args);
const run = (...args: Parameters<typeof requests.run>) => requests.run(...args);
const typesOn = (caseId: string) => requests.typesOn(caseId);

beforeAll(async () => {
  service = await startServiceUnderTest('case-commands');
  requests = caseRequests(service, await service.watch('cases'));
  day = dayOf(service.clock.now);
  await seedQualifiedMediator(service);
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

  it('says the refusal in Russian, naming the failed conditions in words, when the caller asks for Russian', async () => {
    const created = await register();
    await run(created.caseId, 'screen');
    await run(created.caseId, 'record-consent', { partyId: created.parties[0].partyId, consented: true });
    const response = await service.call('POST', `/cases/${created.caseId}/assign`, {
      body: { mediatorId: 'med-unknown' },
      claims: mediatorUser,
      headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-language']).toBe('ru');
    expect(response.json()).toMatchObject({
      code: 'assignment.refused',
      title: 'Запрос невозможно выполнить',
      detail: 'Нельзя назначить медиатора: медиатора нет в реестре и не все стороны дали согласие.',
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

  it('refuses the same Idempotency-Key with another body with 422, and creates no second case', async () => {
    const headers = { 'idempotency-key': 'offline-capture-0043' };
    await register(newCase({ urgency: 'low' }), headers);
    const before = await service.cases.cases.countDocuments({});
    const other = await service.call('POST', '/cases', {
      body: newCase({ urgency: 'high' }),
      claims: mediatorUser,
      headers,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await service.cases.cases.countDocuments({})).toBe(before);
  });

  it('when an attempt claimed its Idempotency-Key and died before its commit, the retry registers the case under the claimed id, once', async () => {
    const claimedId = newEventId();
    const body = newCase({ urgency: 'low' });
    // What an instance killed between the claim and the commit leaves (tools/fault-run).
    await service.runtime.connection.collection('idempotency_keys').insertOne({
      _id: `case:${mediatorUser.sub}:died-mid-registration` as never,
      resourceId: claimedId,
      fingerprint: fingerprintOf(registerCaseBody.parse(body)),
      firstUsedAt: new Date(),
    });
    const retry = () =>
      service.call('POST', '/cases', {
        body,
        claims: mediatorUser,
        headers: { 'idempotency-key': 'died-mid-registration' },
      });
    const first = await retry();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().caseId).toBe(claimedId);
    const again = await retry();
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(claimedId);
    expect(await service.cases.log.commits.countDocuments({ streamId: claimedId })).toBe(1);
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

  it('suspects the same person written in another word order or in Latin, and not a different person', async () => {
    const inDistrict = (name: string) =>
      newCase({
        district: '751710000',
        parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name }],
      });
    const earlier = await register(inDistrict('Сейтқали Айгерим'));
    const reordered = await register(inDistrict('Айгерим Сейтқали'));
    expect(reordered.duplicateSuspicions).toMatchObject([{ caseId: earlier.caseId, overlappingParties: 1 }]);
    const latin = await register(inDistrict('Aigerim Seitkali'));
    expect(latin.duplicateSuspicions.map((match: { caseId: string }) => match.caseId)).toContain(
      earlier.caseId,
    );
    const other = await register(inDistrict('Айгерим Сейтқалиева'));
    expect(other.duplicateSuspicions).toEqual([]);
  });

  it('suspects nothing from a lookup entry whose registration never committed', async () => {
    const district = '751110000';
    const ghost = 'Ghost Party Name';
    await service.cases.partyNames.add(
      'case-never-committed',
      district,
      [service.cipher.nameHash(ghost)],
      day,
    );
    const registered = await register(
      newCase({ district, parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: ghost }] }),
    );
    expect(registered.duplicateSuspicions).toEqual([]);
  });

  it('flags a follow-up once when its date passes, even with two sweeps racing', async () => {
    const { caseId, parties } = await register();
    await run(caseId, 'screen');
    for (const party of parties)
      await run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
    await run(caseId, 'assign', { mediatorId: 'med-1' });
    await run(caseId, 'record-session', { kind: 'caucus', heldOn: day, durationMinutes: 30 });
    const followUpDue = dayOf(new Date(service.clock.now.getTime() + 2 * 86_400_000));
    await run(caseId, 'record-outcome', { outcome: 'none', followUpDue });
    const runner = caseRunner(service.cases, service.relay);
    const later = new Date(service.clock.now.getTime() + 3 * 86_400_000);
    const deps = {
      cases: service.cases,
      runner,
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

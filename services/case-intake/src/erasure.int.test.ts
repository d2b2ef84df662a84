// Consent withdrawal and retention erasure (issue 9): the party's personal fields (or, after the
// retention period, every party's and the case's free texts) are gone from the read model and
// from every commit of the history, the counts stay, and the erasure is an audited event.
import { newEventId } from '@kelisim/contracts/envelope';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepRetention } from './jobs/retention-sweep.ts';
import {
  caseRequests,
  mediatorUser,
  newCase,
  region,
  seedQualifiedMediator,
} from './routes/case-requests.test-support.ts';
import { caseRunner } from './store/case-command-runner.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely, as a client would
type Json = any;

let service: ServiceUnderTest;
let published: KafkaMessage[];
const admin = { sub: 'u-admin-kz', roles: ['admin' as const], regions: ['KZ'] };
const groupMember = { sub: 'u-group-75', roles: ['group_member' as const], regions: [region] };

/** Every ciphertext in a value: what must vanish from the database when its field is erased. */
function ciphertextsOf(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/"ct":"([^"]+)"/g)].map((match) => match[1] as string);
}

async function databaseDump(): Promise<string> {
  const db = service.runtime.connection.getClient().db(service.runtime.infra.dbName);
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    parts.push(JSON.stringify(await db.collection(name).find({}).toArray()));
  }
  return parts.join('\n');
}

/**
 * The erasure events about a case, one per event id: the bus is at-least-once (a relay whose send
 * timed out after the broker took it sends again; consumers skip the copy by its id), so "erased
 * once" means one event id, however many copies a loaded CI machine put on the topic.
 */
function erasureEvents(caseId: string): Json[] {
  const byId = new Map<string, Json>();
  for (const message of published) {
    const event = JSON.parse(String(message.value));
    if (event.subject === caseId && event.type === 'case.party-data-erased.v1') byId.set(event.id, event);
  }
  return [...byId.values()];
}

async function listed(caseId: string) {
  const page = (await service.call('GET', '/cases?limit=100', { claims: admin })).json();
  return { total: page.items.length, item: page.items.find((item: Json) => item.caseId === caseId) };
}

beforeAll(async () => {
  service = await startServiceUnderTest('erasure');
  published = await service.watch('cases');
  await seedQualifiedMediator(service);
});
afterAll(async () => service?.close());

describe('a party withdraws consent', () => {
  it('erases that party’s personal fields everywhere, keeps the other’s, and keeps the counts', async () => {
    const requests = caseRequests(service, published);
    const created = await requests.register();
    const { caseId } = created;
    await requests.run(caseId, 'screen');
    const [leaving, staying] = created.parties;
    await requests.run(caseId, 'record-consent', { partyId: leaving.partyId, consented: true });
    const before = await service.cases.load(caseId);
    const leavingSecrets = ciphertextsOf(before?.parties[0]);
    const stayingSecrets = ciphertextsOf(before?.parties[1]);
    const countBefore = await listed(caseId);

    const response = await service.call('POST', `/cases/${caseId}/withdraw-consent`, {
      body: { partyId: leaving.partyId },
      claims: groupMember,
    });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.parties[0]).toMatchObject({ name: null, contacts: null, consent: { consented: false } });
    expect(view.parties[1].name).toBe(staying.name);

    const dump = await databaseDump();
    expect(leavingSecrets.length).toBeGreaterThan(0);
    for (const secret of leavingSecrets) expect(dump).not.toContain(secret); // history included
    for (const secret of stayingSecrets) expect(dump).toContain(secret);
    // Nor its keyed name hash, in the case or in the duplicate check's lookup.
    expect(dump).not.toContain(before?.parties[0]?.nameHash);
    expect(await listed(caseId)).toEqual({
      total: countBefore.total,
      item: { ...countBefore.item, version: countBefore.item.version + 1, updatedAt: expect.any(String) },
    });
    expect(view.status).toBe('awaiting_consent');

    await waitFor(() => expect(erasureEvents(caseId)).toHaveLength(1));
    const [event] = erasureEvents(caseId);
    expect(event.data).toMatchObject({
      reason: 'consent_withdrawn',
      partyIds: [leaving.partyId],
      erasedFields: ['parties.name', 'parties.contacts'],
      partyCount: 2,
      erasedBy: groupMember.sub,
    });
    expect(JSON.stringify(event)).not.toContain('Plaintext');

    const trail = (await service.call('GET', `/audit?caseId=${caseId}`, { claims: admin })).json();
    expect(trail.items.find((entry: Json) => entry.action === 'erase:consent_withdrawn')).toMatchObject({
      kind: 'change',
      sub: groupMember.sub,
      fields: expect.arrayContaining(['parties', 'partyNameHashes']),
    });

    // A new case naming the same person is no longer linked to this one.
    const naming = await requests.register(
      newCase({ parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: leaving.name }] }),
    );
    expect(naming.duplicateSuspicions.map((match: Json) => match.caseId)).not.toContain(caseId);

    const again = await service.call('POST', `/cases/${caseId}/withdraw-consent`, {
      body: { partyId: leaving.partyId },
      claims: groupMember,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('erasure.already_erased');
  });

  it('is refused to a supervisor (403) and hidden outside the territory (404)', async () => {
    const { caseId, parties } = await caseRequests(service, published).register();
    const body = { partyId: parties[0].partyId };
    const supervisor = { sub: 'u-sup', roles: ['supervisor' as const], regions: [region] };
    expect(
      (await service.call('POST', `/cases/${caseId}/withdraw-consent`, { body, claims: supervisor }))
        .statusCode,
    ).toBe(403);
    const outsider = { sub: 'u-out', roles: ['group_member' as const], regions: ['710000000'] };
    expect(
      (await service.call('POST', `/cases/${caseId}/withdraw-consent`, { body, claims: outsider }))
        .statusCode,
    ).toBe(404);
  });
});

describe('the retention period passes', () => {
  it('erases every party and the free texts of ended cases once, even with two sweeps racing', async () => {
    const requests = caseRequests(service, published);
    const day = (iso: string) => iso.slice(0, 10);
    service.clock.now = new Date('2026-01-10T09:00:00.000Z');
    const ended = await requests.register(
      newCase({
        parties: [
          {
            kind: 'individual',
            role: 'claimant',
            language: 'kk',
            name: 'Retentova Aigul',
            contacts: '+7 700 1',
          },
        ],
      }),
    );
    await requests.run(ended.caseId, 'screen');
    await requests.run(ended.caseId, 'record-consent', {
      partyId: ended.parties[0].partyId,
      consented: true,
    });
    await requests.run(ended.caseId, 'assign', { mediatorId: 'med-1' });
    await requests.run(ended.caseId, 'record-session', {
      kind: 'caucus',
      heldOn: day(service.clock.now.toISOString()),
      durationMinutes: 30,
      notes: 'Retentova spoke first.',
    });
    await requests.run(ended.caseId, 'record-outcome', {
      outcome: 'agreement',
      agreement: 'Retentova agrees.',
    });
    await requests.run(ended.caseId, 'close');
    const open = await requests.register(
      newCase({
        parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'Otkrytova Dana' }],
      }),
    );
    const endedSecrets = ciphertextsOf(await service.cases.load(ended.caseId));
    const openSecrets = ciphertextsOf(await service.cases.load(open.caseId));
    const historyBefore = (await service.cases.log.history(ended.caseId)).length;
    const closedBefore = (await service.call('GET', '/cases?status=closed', { claims: admin })).json().items;
    const countBefore = await listed(ended.caseId);

    const runner = caseRunner(service.cases, service.relay);
    const sweepAt = (now: string) => ({
      cases: service.cases,
      runner,
      clock: () => new Date(now),
      newId: newEventId,
      logger: service.runtime.logger,
      retentionDays: 30,
    });
    // The day before the period ends: nothing is due.
    expect(await sweepRetention(sweepAt('2026-02-08T12:00:00.000Z'))).toBe(0);
    const racing = await Promise.all([
      sweepRetention(sweepAt('2026-02-09T12:00:00.000Z')),
      sweepRetention(sweepAt('2026-02-09T12:00:00.000Z')),
    ]);
    expect(racing[0] + racing[1]).toBe(1);
    expect(await sweepRetention(sweepAt('2026-02-10T12:00:00.000Z'))).toBe(0);

    const dump = await databaseDump();
    expect(endedSecrets.length).toBeGreaterThanOrEqual(4); // name, contacts, description, notes, agreement
    for (const secret of endedSecrets) expect(dump).not.toContain(secret);
    for (const secret of openSecrets) expect(dump).toContain(secret);

    // What is counted stays: the list, the closed cases, the parties and sessions, the history.
    expect((await service.call('GET', '/cases?status=closed', { claims: admin })).json().items).toHaveLength(
      closedBefore.length,
    );
    const countAfter = await listed(ended.caseId);
    expect(countAfter.total).toBe(countBefore.total);
    expect(countAfter.item).toMatchObject({
      status: 'closed',
      partyCount: 1,
      version: countBefore.item.version + 1,
    });
    expect(await service.cases.log.history(ended.caseId)).toHaveLength(historyBefore + 1);
    const view = (await service.call('GET', `/cases/${ended.caseId}`, { claims: mediatorUser })).json();
    expect(view).toMatchObject({
      status: 'closed',
      description: null,
      outcome: { kind: 'agreement', agreement: null },
    });
    expect(view.parties[0]).toMatchObject({ name: null, contacts: null, role: 'claimant', language: 'kk' });
    expect(view.sessions).toEqual([expect.objectContaining({ durationMinutes: 30, notes: null })]);

    await waitFor(() => expect(erasureEvents(ended.caseId)).toHaveLength(1));
    expect(erasureEvents(ended.caseId)[0].data).toMatchObject({
      reason: 'retention_expired',
      partyCount: 1,
      erasedBy: 'system:retention-sweep',
      erasedFields: expect.arrayContaining([
        'parties.name',
        'description',
        'sessions.notes',
        'outcome.agreement',
      ]),
    });
    expect(erasureEvents(open.caseId)).toEqual([]);
    const trail = (await service.call('GET', `/audit?caseId=${ended.caseId}`, { claims: admin })).json();
    expect(trail.items[0]).toMatchObject({
      action: 'erase:retention_expired',
      sub: 'system:retention-sweep',
    });
  });
});

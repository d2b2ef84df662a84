// The canary (issue 9): marker names, contacts and texts planted through the API, through a case's
// whole life and through refused requests, must appear in plaintext in no MongoDB document of the
// test database, no Kafka message on its topics and no log line the service wrote.
import { Writable } from 'node:stream';
import { type EventFamily, eventFamilies } from '@kelisim/contracts/topics';
import { createLogger } from '@kelisim/service-kit/log';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRequests, newCase, seedQualifiedMediator } from './routes/case-requests.test-support.ts';
import { startTestService, type TestService } from './test-app.test-support.ts';

const marker = `Kanareyka${Date.now().toString(36)}`;
const canaries = {
  name: `${marker} Aigerimovna`,
  otherName: `${marker} Bolatuly`,
  contacts: `${marker}@example.kz, +7 701 555 01 02`,
  description: `${marker} says the fence was moved overnight.`,
  notes: `${marker} wept during the caucus.`,
  agreement: `${marker} will rebuild the fence by May.`,
  followUpNotes: `${marker} reports calm.`,
};

let logged = '';
let service: TestService;
const watched: Array<{ family: EventFamily; seen: KafkaMessage[] }> = [];
const published = () => watched.flatMap(({ family, seen }) => seen.map((message) => ({ family, message })));

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk;
      done();
    },
  });
  const logger = createLogger({ service: 'case-intake', level: 'trace', destination });
  service = await startTestService('canary', { logger });
  for (const family of eventFamilies) watched.push({ family, seen: await service.watch(family) });
  await seedQualifiedMediator(service);
});
afterAll(async () => service?.close());

describe('the canary', () => {
  it('plants markers through the API and finds them in no collection, message or log line', async () => {
    const requests = caseRequests(service, []);
    const day = service.clock.now.toISOString().slice(0, 10);
    const created = await requests.register(
      newCase({
        description: canaries.description,
        parties: [
          {
            kind: 'individual',
            role: 'claimant',
            language: 'kk',
            name: canaries.name,
            contacts: canaries.contacts,
          },
          { kind: 'individual', role: 'respondent', language: 'ru', name: canaries.otherName },
        ],
      }),
    );
    const { caseId } = created;
    expect(created.parties[0].name).toBe(canaries.name); // the API does hand it back to its mediator
    await requests.run(caseId, 'screen');
    for (const party of created.parties) {
      await requests.run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
    }
    await requests.run(caseId, 'assign', { mediatorId: 'med-1' });
    await requests.run(caseId, 'record-session', {
      kind: 'caucus',
      heldOn: day,
      durationMinutes: 45,
      notes: canaries.notes,
    });
    await requests.run(caseId, 'record-outcome', {
      outcome: 'agreement',
      agreement: canaries.agreement,
      followUpDue: '2099-01-01',
    });
    await requests.run(caseId, 'follow-up', {
      followedUpOn: day,
      result: 'holding',
      notes: canaries.followUpNotes,
    });
    // Refused requests carrying the marker: an invalid body and a stale If-Match.
    const invalid = await service.call('POST', '/cases', {
      body: newCase({
        parties: [{ kind: 'individual', role: 'claimant', language: 'xx', name: canaries.name }],
      }),
    });
    expect(invalid.statusCode).toBe(400);
    const stale = await service.call('POST', `/cases/${caseId}/record-session`, {
      body: { kind: 'joint', heldOn: day, durationMinutes: 10, notes: canaries.notes },
      claims: { sub: 'u-med-1', roles: ['mediator'], regions: ['750000000'] },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const history = await service.call('GET', `/cases/${caseId}/history`, {
      claims: { sub: 'u-med-1', roles: ['mediator'], regions: ['750000000'] },
    });
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain(marker);

    await waitFor(async () => expect(await service.cases.log.countUnpublished()).toBe(0));
    await waitFor(() =>
      expect(
        published().filter(({ message }) => String(message.value).includes(caseId)).length,
      ).toBeGreaterThanOrEqual(8),
    );

    const db = service.runtime.connection.getClient().db(service.runtime.infra.dbName);
    let scanned = 0;
    for (const { name } of await db.listCollections().toArray()) {
      const raw = JSON.stringify(await db.collection(name).find({}).toArray());
      scanned++;
      expect(raw, `collection ${name}`).not.toContain(marker);
    }
    expect(scanned).toBeGreaterThan(2);
    for (const { family, message } of published()) {
      expect(`${message.key ?? ''} ${message.value ?? ''}`, `a message on ${family}`).not.toContain(marker);
      for (const value of Object.values(message.headers ?? {})) expect(String(value)).not.toContain(marker);
    }
    expect(logged).toContain(caseId); // the log was captured, and is about this case
    expect(logged).not.toContain(marker);
    expect(logged.toLowerCase()).not.toContain(marker.toLowerCase());
  });
});

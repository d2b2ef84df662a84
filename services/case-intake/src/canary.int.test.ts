// The canary (issue 9): marker names, contacts and texts planted through the API, through a case's
// whole life and through refused requests, must appear in plaintext in no MongoDB document of the
// test database (every collection), no Kafka message on its topics and their dead-letter twins,
// and no log line the service wrote. The case also goes through what issue 9 added: audited reads,
// a consent withdrawal, the retention erasure and a key rotation.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { deadLetterTopicName, eventFamilies, topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { createLogger, type Logger } from '@kelisim/service-kit/log';
import { watchPlants } from '@kelisim/service-kit/testing/free-text-fields';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reencryptFields } from './jobs/field-reencryption.ts';
import { sweepRetention } from './jobs/retention-sweep.ts';
import { caseRequests, newCase, seedQualifiedMediator } from './routes/case-requests.test-support.ts';
import { caseRunner } from './store/case-command-runner.ts';
import {
  type ServiceUnderTest,
  startServiceUnderTest,
  startTestMediatorsConsumer,
} from './testing/service-under-test.ts';

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
let logger: Logger;
let service: ServiceUnderTest;
let consumer: RunningConsumer;
let plants: ReturnType<typeof watchPlants>;
const watched: Array<{ topic: string; seen: KafkaMessage[] }> = [];
const published = () => watched.flatMap(({ topic, seen }) => seen.map((message) => ({ topic, message })));
const watchers: Array<{ disconnect(): Promise<void> }> = [];

/** Every message on a topic, from its beginning, with a consumer group of its own. */
async function watchTopic(topic: string): Promise<void> {
  const seen: KafkaMessage[] = [];
  const watcher = service.runtime.kafka.consumer({
    groupId: `${service.runtime.infra.topicPrefix}canary-${topic}`,
  });
  await watcher.connect();
  await watcher.subscribe({ topic, fromBeginning: true });
  await watcher.run({ eachMessage: async ({ message }) => void seen.push(message) });
  watchers.push(watcher);
  watched.push({ topic, seen });
}

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk;
      done();
    },
  });
  logger = createLogger({ service: 'case-intake', level: 'trace', destination });
  service = await startServiceUnderTest('canary', { logger });
  plants = watchPlants(service.app, marker);
  const prefix = service.runtime.infra.topicPrefix;
  for (const family of eventFamilies) {
    await watchTopic(topicName(prefix, family));
    await watchTopic(deadLetterTopicName(prefix, family));
  }
  consumer = await startTestMediatorsConsumer(service, logger);
  await seedQualifiedMediator(service);
});
afterAll(async () => {
  for (const watcher of watchers) await watcher.disconnect();
  await consumer?.stop();
  await service?.close();
});

describe('the canary', () => {
  it('plants markers through the API and finds them in no collection, message or log line', async () => {
    const requests = caseRequests(service, []);
    const day = dayOf(service.clock.now);
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
    // Issue 9's paths: an audited read by the region's group, the second party withdrawing
    // consent, closing, the retention erasure years later, and a rotation to a new key.
    const group = { sub: 'u-group-75', roles: ['group_member' as const], regions: ['750000000'] };
    const seen = await service.call('GET', `/cases/${caseId}`, { claims: group });
    expect(seen.json().parties[0].name).toBe(canaries.name);
    const withdrawn = await service.call('POST', `/cases/${caseId}/withdraw-consent`, {
      body: { partyId: created.parties[1].partyId },
      claims: group,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await requests.run(caseId, 'close');
    const audit = await service.call('GET', `/audit?caseId=${caseId}`, {
      claims: { sub: 'u-admin', roles: ['admin'], regions: ['KZ'] },
    });
    expect(audit.json().items.length).toBeGreaterThan(5);
    // A second case keeps its data through the erasure, so the rotation has something to move.
    const kept = await requests.register(
      newCase({
        parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: canaries.otherName }],
      }),
    );
    const yearsLater = new Date(service.clock.now.getTime() + 6 * 365 * 86_400_000);
    const runner = caseRunner(service.cases, service.relay);
    const erased = await sweepRetention({
      cases: service.cases,
      runner,
      clock: () => yearsLater,
      newId: newEventId,
      logger,
      retentionDays: 1_826,
    });
    expect(erased).toBe(1);
    const k2 = randomBytes(32);
    (service.keyRing.keys as Record<string, Buffer>).k2 = k2;
    const rotated = new FieldCipher({ ...service.keyRing, currentKeyId: 'k2' });
    const rotation = await reencryptFields({
      connection: service.runtime.connection,
      cipher: rotated,
      logger,
    });
    expect(rotation.cases?.reencrypted).toBeGreaterThan(0);
    expect(
      (await service.call('GET', `/cases/${kept.caseId}`, { claims: group })).json().parties[0].name,
    ).toBe(canaries.otherName);
    // Something for the dead-letter topic: a message that is no event at all.
    await service.runtime.producer.send({
      topic: topicName(service.runtime.infra.topicPrefix, 'mediators'),
      messages: [{ key: 'poison', value: '{"not":"an event"}' }],
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
    const dlq = deadLetterTopicName(service.runtime.infra.topicPrefix, 'mediators');
    await waitFor(() => expect(published().filter(({ topic }) => topic === dlq).length).toBeGreaterThan(0));
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
    // cases, commits, outbox, counters, idempotency, mediators, audit reads, rotation checkpoints, ...
    expect(scanned).toBeGreaterThan(6);
    expect(watched).toHaveLength(eventFamilies.length * 2);
    expect(
      published().some(({ message }) => String(message.value).includes('case.party-data-erased.v1')),
    ).toBe(true);
    for (const { topic, message } of published()) {
      expect(`${message.key ?? ''} ${message.value ?? ''}`, `a message on ${topic}`).not.toContain(marker);
      for (const value of Object.values(message.headers ?? {})) expect(String(value)).not.toContain(marker);
    }
    // Every free-text field of the API carried the marker at least once.
    const document = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(plants.unplanted(document)).toEqual([]);
    expect(logged).toContain(caseId); // the log was captured, and is about this case
    expect(logged).not.toContain(marker);
    expect(logged.toLowerCase()).not.toContain(marker.toLowerCase());
    // biome-ignore lint/suspicious/noConsole: the closing note of issue 9 quotes what the canary covered
    console.log(
      `canary: ${scanned} collections, ${published().length} messages on ${watched.length} topics, ${logged.split('\n').length} log lines: no marker`,
    );
  });
});

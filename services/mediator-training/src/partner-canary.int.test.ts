// The canary for the partner directory (issues 9 and 27): a partner's contact person, planted with
// a marker through registration, edits and refused requests, is handed back to those who manage
// the directory and appears in plaintext in no MongoDB document (every collection), no Kafka
// message on any topic or its dead-letter twin, and no log line the service wrote.
import { deadLetterTopicName, eventFamilies, topicName } from '@kelisim/contracts/topics';
import { type CapturedLog, capturedLog } from '@kelisim/service-kit/testing/captured-log';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  plaintextLeaks,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const marker = `Kanareyka${Date.now().toString(36)}`;
const phone = '+7 701 987 65 43';
const contact = {
  name: `${marker} Serikqyzy`,
  position: `${marker} toraga`,
  phone,
  email: `${marker.toLowerCase()}@example.kz`,
};
const almaty = '750000000';
const astana = '710000000';

let svc: ServiceUnderTest;
let log: CapturedLog;
const seen: Array<{ topic: string; text: string }> = [];
const watchers: Consumer[] = [];

beforeAll(async () => {
  log = capturedLog('mediator-training');
  svc = await startServiceUnderTest('mt-partner-canary', { logger: log.logger });
  const prefix = svc.runtime.infra.topicPrefix;
  for (const family of eventFamilies) {
    for (const topic of [topicName(prefix, family), deadLetterTopicName(prefix, family)]) {
      const watcher = svc.runtime.kafka.consumer({ groupId: `${prefix}partner-canary-${topic}` });
      await watcher.connect();
      await watcher.subscribe({ topic, fromBeginning: true });
      await watcher.run({
        eachMessage: async ({ message }) =>
          void seen.push({
            topic,
            text: `${message.key ?? ''} ${message.value ?? ''} ${JSON.stringify(message.headers ?? {})}`,
          }),
      });
      watchers.push(watcher);
    }
  }
});
afterAll(async () => {
  for (const watcher of watchers) await watcher.disconnect();
  await svc?.close();
});

describe("the canary: a partner's contact person", () => {
  it('is shown to the directory managers and found in no collection, message or log line', async () => {
    const coordinator = await svc.auth.headers({
      sub: 'coord-canary',
      roles: ['coordinator'],
      regions: [almaty],
    });
    const outsider = await svc.auth.headers({
      sub: 'coord-canary-a',
      roles: ['coordinator'],
      regions: [astana],
    });
    const registered = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      headers: { ...coordinator, 'idempotency-key': 'partner-canary-1' },
      payload: {
        kind: 'house_of_friendship',
        names: { kk: 'Алматы қаласының Достық үйі', ru: 'Дом дружбы города Алматы' },
        region: almaty,
        contactPerson: contact,
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { partnerId } = registered.json();
    expect(registered.json().contactPerson).toEqual(contact);
    const edited = await svc.app.inject({
      method: 'PATCH',
      url: `/partners/${partnerId}`,
      headers: { ...coordinator, 'if-match': registered.headers.etag as string },
      payload: { contactPerson: { ...contact, name: `${marker} Nurlanqyzy` }, status: 'inactive' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().contactPerson.name).toBe(`${marker} Nurlanqyzy`);

    // Refused requests carrying the contact: an invalid body, a stale If-Match, another territory.
    const invalid = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      headers: coordinator,
      payload: { kind: 'no_such_kind', names: { kk: 'x', ru: 'x' }, region: almaty, contactPerson: contact },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).not.toContain(marker);
    const stale = await svc.app.inject({
      method: 'PATCH',
      url: `/partners/${partnerId}`,
      headers: { ...coordinator, 'if-match': '"1"' },
      payload: { contactPerson: contact },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.body).not.toContain(marker);
    const foreign = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      headers: outsider,
      payload: { kind: 'other', names: { kk: 'x', ru: 'x' }, region: almaty, contactPerson: contact },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain(marker);

    await waitFor(() => {
      const about = seen.filter(({ text }) => text.includes(partnerId)).map(({ text }) => text);
      expect(about.some((text) => text.includes('partner.registered.v1'))).toBe(true);
      expect(about.some((text) => text.includes('partner.updated.v1'))).toBe(true);
    });
    expect(await plaintextLeaks(svc, [marker, marker.toLowerCase(), phone])).toEqual([]);
    for (const { topic, text } of seen) {
      expect(text, `a message on ${topic}`).not.toContain(marker);
      expect(text.toLowerCase(), `a message on ${topic}`).not.toContain(marker.toLowerCase());
      expect(text, `a message on ${topic}`).not.toContain(phone);
    }
    expect(log.text()).toContain(partnerId); // the log was captured, and is about this partner
    expect(log.text().toLowerCase()).not.toContain(marker.toLowerCase());
    expect(log.text()).not.toContain(phone);
  });
});

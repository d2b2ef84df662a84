// Partners of the Assembly's network in cases (issue 27): the directory's events (published here by
// the test on the real broker, as mediator-training publishes them) feed the read model that a
// referral, a session's venue and its partner participants are checked against; an unknown or
// out-of-territory partner is a 422 naming the field, in the caller's language.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServiceUnderTest,
  startServiceUnderTest,
  startTestMediatorsConsumer,
} from '../testing/service-under-test.ts';

const region = '750000000';
const user = { sub: 'u-partner-registrar', roles: ['mediator' as const], regions: [region] };
const council = 'partner-council-1';
const house = 'partner-house-1';
const elsewhere = 'partner-astana-1';

let service: ServiceUnderTest;
let consumer: RunningConsumer;

async function publishPartner(data: EventData<'partner.registered.v1'>) {
  const event = buildEvent('partner.registered.v1', data, {
    id: newEventId(),
    source: '/services/mediator-training',
    subject: data.partnerId,
    time: new Date().toISOString(),
    correlationid: newEventId(),
    region: data.region,
  });
  await service.runtime.producer.send({
    topic: topicName(service.runtime.infra.topicPrefix, 'mediators'),
    messages: [toKafkaMessage(event)],
  });
}

async function screenedCase(): Promise<string> {
  const created = await service.call('POST', '/cases', {
    claims: user,
    body: {
      region,
      district: '751310000',
      category: 'neighbourhood',
      urgency: 'medium',
      parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'Partner Party' }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { caseId } = created.json();
  await service.call('POST', `/cases/${caseId}/screen`, { claims: user, body: {} });
  return caseId;
}

beforeAll(async () => {
  service = await startServiceUnderTest('case-partners');
  consumer = await startTestMediatorsConsumer(service);
  const base = { district: null, communities: [], status: 'active' as const };
  await publishPartner({ ...base, partnerId: council, kind: 'council_of_elders', region });
  await publishPartner({ ...base, partnerId: house, kind: 'house_of_friendship', region });
  await publishPartner({ ...base, partnerId: elsewhere, kind: 'council_of_mothers', region: '710000000' });
  await waitFor(async () => expect((await service.service.partners.find([elsewhere])).size).toBe(1));
});
afterAll(async () => {
  await consumer?.stop();
  await service?.close();
});

describe('partners named by cases', () => {
  it('a referral out names the partner, and case.referred-out carries its id and kind', async () => {
    const seen = await service.watch('cases');
    const caseId = await screenedCase();
    const referred = await service.call('POST', `/cases/${caseId}/refer-out`, {
      claims: user,
      body: { reason: 'other_competence', referredTo: 'partner', partnerId: council },
    });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json()).toMatchObject({ status: 'referred_out', referralPartnerId: council });
    await service.relay.publishOnce();
    await waitFor(() => {
      const events = seen.map((message) => JSON.parse(String(message.value)));
      const event = events.find((e) => e.type === 'case.referred-out.v1' && e.subject === caseId);
      expect(event?.data).toMatchObject({ partnerId: council, partnerKind: 'council_of_elders' });
    });
  });

  it('an unknown partner is a 422 naming the field, in Russian when asked', async () => {
    const caseId = await screenedCase();
    const refused = await service.call('POST', `/cases/${caseId}/refer-out`, {
      claims: user,
      body: { reason: 'other_competence', referredTo: 'partner', partnerId: 'partner-nobody' },
      headers: { 'accept-language': 'ru' },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'partner.unknown', field: 'partnerId' });
    expect(refused.json().detail).toContain('такой действующей организации-партнёра нет');
  });

  it('a partner of another region is refused as out of territory, naming the field', async () => {
    const caseId = await screenedCase();
    const refused = await service.call('POST', `/cases/${caseId}/refer-out`, {
      claims: user,
      body: { reason: 'other_competence', referredTo: 'partner', partnerId: elsewhere },
      headers: { 'accept-language': 'kk' },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'partner.out_of_territory', field: 'partnerId' });
    expect(refused.json().detail).toContain('істің өңірінде жұмыс істемейді');
  });

  it('a referral to a partner without naming it is refused at the edge', async () => {
    const caseId = await screenedCase();
    const refused = await service.call('POST', `/cases/${caseId}/refer-out`, {
      claims: user,
      body: { reason: 'other_competence', referredTo: 'partner' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('partnerId');
  });
});

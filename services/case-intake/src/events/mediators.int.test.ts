// Eligibility follows the `mediators` topic: events published by mediator-training (here, by the
// test on the real broker) change who may be assigned (DESIGN.md §6, flows 2 and 5).
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, type EventType } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { EventHandler, EventOfType, RunningConsumer } from '@kelisim/service-kit/consumer';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServiceUnderTest,
  startServiceUnderTest,
  startTestMediatorsConsumer,
} from '../testing/service-under-test.ts';
import { onCertificationExpired } from './certification-expired.ts';
import { onCertificationIssued } from './certification-issued.ts';
import { onCertificationReinstated } from './certification-reinstated.ts';
import { onCertificationRenewed } from './certification-renewed.ts';
import { onCertificationRevoked } from './certification-revoked.ts';
import { onMediatorUpdated } from './mediator-updated.ts';

const region = '750000000';
const mediatorId = 'med-cert-1';
const certificationId = 'cert-77';
const mediatorUser = { sub: 'u-registrar', roles: ['mediator' as const], regions: [region] };

let service: ServiceUnderTest;
let consumer: RunningConsumer;

function mediatorEvent<T extends EventType>(type: T, subject: string, data: EventData<T>) {
  return buildEvent(type, data, {
    id: newEventId(),
    source: '/services/mediator-training',
    subject,
    time: new Date().toISOString(),
    correlationid: newEventId(),
    region,
  });
}

async function publish<T extends EventType>(type: T, subject: string, data: EventData<T>) {
  const event = mediatorEvent(type, subject, data);
  await service.runtime.producer.send({
    topic: topicName(service.runtime.infra.topicPrefix, 'mediators'),
    messages: [toKafkaMessage(event)],
  });
}

/** A case whose parties all consented, ready for assignment. */
async function caseAwaitingAssignment(): Promise<string> {
  const created = await service.call('POST', '/cases', {
    claims: mediatorUser,
    body: {
      region,
      district: '751310000',
      category: 'labour',
      urgency: 'medium',
      parties: [{ kind: 'individual', role: 'claimant', language: 'ru', name: 'Eligibility Party' }],
    },
  });
  const { caseId, parties } = created.json();
  await service.call('POST', `/cases/${caseId}/screen`, { claims: mediatorUser, body: {} });
  const consent = await service.call('POST', `/cases/${caseId}/record-consent`, {
    claims: mediatorUser,
    body: { partyId: parties[0].partyId, consented: true },
  });
  expect(consent.statusCode, consent.body).toBe(200);
  return caseId;
}

const assign = (caseId: string) =>
  service.call('POST', `/cases/${caseId}/assign`, { claims: mediatorUser, body: { mediatorId } });

beforeAll(async () => {
  service = await startServiceUnderTest('case-eligibility');
  consumer = await startTestMediatorsConsumer(service);
});
afterAll(async () => {
  await consumer?.stop();
  await service?.close();
});

describe('mediator eligibility from `mediators` events', () => {
  it('refuses an uncertified mediator, then assigns the same mediator once certified, and refuses again after suspension', async () => {
    const first = await caseAwaitingAssignment();
    expect((await assign(first)).json()).toMatchObject({ failedConditions: ['mediator_known'] });

    await publish('mediator.registered.v1', mediatorId, {
      mediatorId,
      userId: 'u-med-cert-1',
      homeRegion: region,
      regions: [region],
      languages: ['ru'],
      specialisations: ['labour'],
      status: 'active',
    });
    await waitFor(async () =>
      expect((await assign(first)).json()).toMatchObject({ failedConditions: ['valid_certification'] }),
    );

    await publish('certification.issued.v1', certificationId, {
      certificationId,
      mediatorId,
      courseId: 'course-basic',
      enrolmentId: 'enr-1',
      validFrom: '2020-01-01',
      validUntil: '2099-12-31',
    });
    await waitFor(async () => {
      const response = await assign(first);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: 'assigned', mediatorId });
    });
    // The assigned mediator now sees the case as theirs.
    const own = await service.call('GET', `/cases/${first}`, {
      claims: { sub: 'u-med-cert-1', roles: ['mediator'], regions: [region] },
    });
    expect(own.statusCode).toBe(200);

    await publish('certification.suspended.v1', certificationId, {
      certificationId,
      mediatorId,
      courseId: 'course-basic',
      reason: 'complaint_under_review',
      suspendedFrom: '2026-01-01',
      suspendedUntil: null,
      validUntil: '2099-12-31',
      decidedBy: 'u-coordinator',
    });
    const second = await caseAwaitingAssignment();
    await waitFor(async () =>
      expect((await assign(second)).json()).toMatchObject({ failedConditions: ['valid_certification'] }),
    );
    expect(consumer.stats.deadLettered).toBe(0);
  });

  it('each certification event moves the read model as its name says', async () => {
    const id = 'med-handlers';
    const cert = { certificationId: 'cert-h', mediatorId: id, courseId: 'course-basic' };
    const context = { logger: service.runtime.logger, topic: 't', partition: 0, offset: '0' };
    const apply = async <T extends EventType>(handler: EventHandler<T>, event: EventOfType<T>) =>
      handler(event, context);
    const state = async () => (await service.mediators.find(id))?.certifications[0];
    const m = service.mediators;

    // A certification may arrive before the profile: the document starts without one.
    await apply(
      onCertificationIssued(m),
      mediatorEvent('certification.issued.v1', 'cert-h', {
        ...cert,
        enrolmentId: 'e',
        validFrom: '2024-01-01',
        validUntil: '2025-12-31',
      }),
    );
    expect(await service.mediators.find(id)).toMatchObject({ userId: null, status: null, regions: [] });
    await apply(
      onCertificationExpired(m),
      mediatorEvent('certification.expired.v1', 'cert-h', { ...cert, validUntil: '2025-12-31' }),
    );
    expect(await state()).toMatchObject({ state: 'expired' });
    await apply(
      onCertificationRenewed(m),
      mediatorEvent('certification.renewed.v1', 'cert-h', {
        ...cert,
        validFrom: '2026-01-05',
        validUntil: '2029-01-04',
        previousValidUntil: '2025-12-31',
        practiceCaseCount: 3,
      }),
    );
    expect(await state()).toEqual({
      certificationId: 'cert-h',
      state: 'valid',
      validFrom: '2026-01-05',
      validUntil: '2029-01-04',
    });
    await apply(
      onCertificationReinstated(m),
      mediatorEvent('certification.reinstated.v1', 'cert-h', {
        ...cert,
        validUntil: '2029-01-04',
        decidedBy: 'u-c',
      }),
    );
    expect(await state()).toMatchObject({ state: 'valid' });
    await apply(
      onCertificationRevoked(m),
      mediatorEvent('certification.revoked.v1', 'cert-h', {
        ...cert,
        reason: 'misconduct',
        revokedOn: '2026-02-01',
        decidedBy: 'u-c',
      }),
    );
    expect(await state()).toMatchObject({ state: 'revoked', validUntil: '2029-01-04' });

    const profile = {
      mediatorId: id,
      userId: 'u-h',
      homeRegion: '710000000',
      regions: ['710000000'],
      languages: ['kk' as const],
      specialisations: [],
      status: 'inactive' as const,
    };
    await apply(onMediatorUpdated(m), mediatorEvent('mediator.updated.v1', id, profile));
    expect(await service.mediators.find(id)).toMatchObject({
      userId: 'u-h',
      regions: ['710000000'],
      status: 'inactive',
      certifications: [{ state: 'revoked' }],
    });
  });

  it('a volunteer known from mediator-training is assigned with a certified supervisor, and case.mediator-assigned says a volunteer handles the case', async () => {
    const seen = await service.watch('cases');
    const volunteerId = 'med-volunteer-1';
    const supervisorId = 'med-supervisor-1';
    const profile = {
      homeRegion: region,
      regions: [region],
      languages: ['ru' as const],
      specialisations: ['labour' as const],
      status: 'active' as const,
    };
    await publish('mediator.registered.v1', volunteerId, {
      ...profile,
      mediatorId: volunteerId,
      userId: 'u-volunteer-1',
      kind: 'volunteer',
      partnerId: 'youth-assembly-75',
    });
    await publish('mediator.registered.v1', supervisorId, {
      ...profile,
      mediatorId: supervisorId,
      userId: 'u-supervisor-1',
    });
    await publish('certification.issued.v1', 'cert-supervisor-1', {
      certificationId: 'cert-supervisor-1',
      mediatorId: supervisorId,
      courseId: 'course-basic',
      enrolmentId: 'enr-supervisor-1',
      validFrom: '2020-01-01',
      validUntil: '2099-12-31',
    });
    const caseId = await caseAwaitingAssignment();
    await waitFor(async () => {
      const assigned = await service.call('POST', `/cases/${caseId}/assign`, {
        claims: mediatorUser,
        body: { mediatorId: volunteerId, supervisorId },
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
    });
    await service.relay.publishOnce();
    await waitFor(() => {
      const event = seen
        .map((message) => JSON.parse(String(message.value)))
        .find((e) => e.type === 'case.mediator-assigned.v1' && e.subject === caseId);
      expect(event?.data).toMatchObject({ mediatorId: volunteerId, supervisorId, mediatorKind: 'volunteer' });
    });
  });
});

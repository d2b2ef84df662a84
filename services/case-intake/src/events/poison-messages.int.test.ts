// Bad input on the `mediators` topic (issue 10): the kit's six bad deliveries against this
// service's own consumer. Each is dead-lettered or skipped, the eligibility read model is left as
// it was, and a valid registration after them still arrives.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent } from '@kelisim/contracts/events/catalogue';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { deliverPoison, expectedReasons } from '@kelisim/service-kit/testing/poison-messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServiceUnderTest,
  startServiceUnderTest,
  startTestMediatorsConsumer,
} from '../testing/service-under-test.ts';

const region = '750000000';
let service: ServiceUnderTest;
let consumer: RunningConsumer;

function registered(mediatorId: string) {
  return buildEvent(
    'mediator.registered.v1',
    {
      mediatorId,
      userId: `u-${mediatorId}`,
      homeRegion: region,
      regions: [region],
      languages: ['kk'],
      specialisations: ['labour'],
      status: 'active',
    },
    {
      id: newEventId(),
      source: '/services/mediator-training',
      subject: mediatorId,
      time: new Date().toISOString(),
      correlationid: newEventId(),
      region,
    },
  );
}

beforeAll(async () => {
  service = await startServiceUnderTest('case-poison');
  consumer = await startTestMediatorsConsumer(service);
});
afterAll(async () => {
  await consumer?.stop();
  await service?.close();
});

describe('bad input on the mediators topic', () => {
  it('dead-letters or skips each bad message, changes no eligibility, and still takes the next registration', async () => {
    const prefix = service.runtime.infra.topicPrefix;
    const outcome = await deliverPoison({
      kafka: service.runtime.kafka,
      producer: service.runtime.producer,
      connection: service.runtime.connection,
      consumer,
      topic: topicName(prefix, 'mediators'),
      deadLetterTopic: deadLetterTopicName(prefix, 'mediators'),
      valid: registered('med-poison-1'),
      next: registered('med-poison-2'),
    });
    expect(outcome.reasons).toEqual(expectedReasons);
    expect(outcome.changed).toEqual([]);
    expect(outcome.skippedDuplicates).toBe(1);
    expect(await service.mediators.find('med-poison-1')).toMatchObject({ status: 'active' });
    expect(await service.mediators.find('med-poison-2')).toMatchObject({ status: 'active' });
  });
});

// Bad input on the topics notifications consumes (issue 10): the kit's six bad deliveries against
// the alerting consumer. Each is dead-lettered or skipped, no alert or delivery is written for any
// of them, and a critical case registered after them still raises its alerts.
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { deliverPoison, expectedReasons } from '@kelisim/service-kit/testing/poison-messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtGroupId,
  eventually,
  type ServiceUnderTest,
  startServiceUnderTest,
} from '../testing/service-under-test.ts';

let fixture: ServiceUnderTest;

beforeAll(async () => {
  fixture = await startServiceUnderTest('notif-poison');
});
afterAll(async () => {
  await fixture?.close();
});

describe('bad input on the cases topic', () => {
  it('dead-letters or skips each bad message, raises nothing for them, and still alerts on the next case', async () => {
    const prefix = fixture.runtime.infra.topicPrefix;
    const outcome = await deliverPoison({
      kafka: fixture.runtime.kafka,
      producer: fixture.runtime.producer,
      connection: fixture.runtime.connection,
      consumer: fixture.consumer,
      topic: topicName(prefix, 'cases'),
      deadLetterTopic: deadLetterTopicName(prefix, 'cases'),
      valid: fixture.caseEvent('case.registered.v1', 'case-poison-1'),
      next: fixture.caseEvent('case.registered.v1', 'case-poison-2'),
    });
    expect(outcome.reasons).toEqual(expectedReasons);
    expect(outcome.changed).toEqual([]);
    expect(outcome.skippedDuplicates).toBe(1);
    // One alert per case for the district group: the redelivery raised no second one.
    await eventually(async () => {
      const alerts = await fixture.service.stores.alerts.alerts.find({ groupId: districtGroupId }).toArray();
      expect(alerts.map((alert) => alert.sourceSubject).sort()).toEqual(['case-poison-1', 'case-poison-2']);
    });
  });
});

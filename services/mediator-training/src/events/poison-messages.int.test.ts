// Bad input on the `cases` topic (issue 10): the kit's six bad deliveries against the consumer
// that counts mediators' practice from closed cases. Each is dead-lettered or skipped, no practice
// is counted for any of them, and a case closed after them still counts.
import { readFileSync } from 'node:fs';
import { type EventEnvelope, newEventId } from '@kelisim/contracts/envelope';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { deliverPoison, expectedReasons } from '@kelisim/service-kit/testing/poison-messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../../packages/contracts/fixtures/case.closed.v1.json', import.meta.url),
    'utf8',
  ),
) as EventEnvelope<Record<string, unknown>>;

/** A case closed with an agreement by `mediatorId`, as case-intake would publish it. */
function caseClosed(caseId: string, mediatorId: string): EventEnvelope {
  return { ...fixture, id: newEventId(), subject: caseId, data: { ...fixture.data, caseId, mediatorId } };
}

let service: ServiceUnderTest;

beforeAll(async () => {
  service = await startServiceUnderTest('training-poison');
});
afterAll(async () => {
  await service?.close();
});

describe('bad input on the cases topic', () => {
  it('dead-letters or skips each bad message, counts no practice for them, and still counts the next closed case', async () => {
    const prefix = service.runtime.infra.topicPrefix;
    const outcome = await deliverPoison({
      kafka: service.runtime.kafka,
      producer: service.runtime.producer,
      connection: service.runtime.connection,
      consumer: service.consumer,
      topic: topicName(prefix, 'cases'),
      deadLetterTopic: deadLetterTopicName(prefix, 'cases'),
      valid: caseClosed('case-poison-1', 'med-poison'),
      next: caseClosed('case-poison-2', 'med-poison'),
    });
    expect(outcome.reasons).toEqual(expectedReasons);
    expect(outcome.changed).toEqual([]);
    expect(outcome.skippedDuplicates).toBe(1);
    expect(service.consumer.stats.deadLettered).toBe(Object.keys(expectedReasons).length);
  });
});

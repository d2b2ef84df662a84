// Bad input on the `cases` topic (issue 10): the kit's six bad deliveries against the consumer
// that turns case signals into regional risk. Each is dead-lettered or skipped, no signal or score
// is written for any of them, and a case registered after them still counts.
import { readFileSync } from 'node:fs';
import { type EventEnvelope, newEventId } from '@kelisim/contracts/envelope';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { deliverPoison, expectedReasons } from '@kelisim/service-kit/testing/poison-messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const fixture = JSON.parse(
  readFileSync(
    new URL('../../../../packages/contracts/fixtures/case.registered.v1.json', import.meta.url),
    'utf8',
  ),
) as EventEnvelope<Record<string, unknown>>;

/** A case registered now, as case-intake would publish it. */
function caseRegistered(caseId: string): EventEnvelope {
  const time = new Date().toISOString();
  return { ...fixture, id: newEventId(), subject: caseId, time, data: { ...fixture.data, caseId } };
}

let harness: ServiceUnderTest;

beforeAll(async () => {
  harness = await startServiceUnderTest('monitoring-poison');
});
afterAll(async () => {
  await harness?.close();
});

describe('bad input on the cases topic', () => {
  it('dead-letters or skips each bad message, scores nothing for them, and still takes the next case', async () => {
    const prefix = harness.runtime.infra.topicPrefix;
    const outcome = await deliverPoison({
      kafka: harness.runtime.kafka,
      producer: harness.runtime.producer,
      connection: harness.runtime.connection,
      consumer: harness.consumer,
      topic: topicName(prefix, 'cases'),
      deadLetterTopic: deadLetterTopicName(prefix, 'cases'),
      valid: caseRegistered('case-poison-1'),
      next: caseRegistered('case-poison-2'),
    });
    expect(outcome.reasons).toEqual(expectedReasons);
    expect(outcome.changed).toEqual([]);
    expect(outcome.skippedDuplicates).toBe(1);
    expect(harness.consumer.stats.deadLettered).toBe(Object.keys(expectedReasons).length);
  });
});

// The statistics count each case in the status case-intake says it is in: the status travels in
// every case event and is taken as it is (one test per case event type this service reads, from
// the contracts' fixtures, whose statuses follow case-intake's lifecycle). And urgency raised at
// screening counts in the region's risk like urgency given at registration.
import { readFileSync } from 'node:fs';
import { newEventId } from '@kelisim/contracts/envelope';
import type { FamilyEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { progressEventTypes } from './case-progressed.ts';

const consumedCaseTypes = [
  'case.registered.v1',
  'case.screened.v1',
  'case.escalated.v1',
  'case.reopened.v1',
  ...progressEventTypes,
] as const;

type CaseEvent = FamilyEvent<'cases'>;

/** The contracts' fixture of `type`, about a case of its own, with `changes` to its data. */
function fixtureOf(
  type: CaseEvent['type'],
  caseId: string,
  changes: Record<string, unknown> = {},
): CaseEvent {
  const fixture = JSON.parse(
    readFileSync(new URL(`../../../../packages/contracts/fixtures/${type}.json`, import.meta.url), 'utf8'),
  ) as CaseEvent;
  return {
    ...fixture,
    id: newEventId(),
    subject: caseId,
    time: new Date().toISOString(),
    data: { ...fixture.data, caseId, ...changes },
  } as CaseEvent;
}

describe('case status and urgency from case events', () => {
  let h: ServiceUnderTest;
  const send = (events: CaseEvent[]) =>
    h.runtime.producer.send({
      topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
      messages: events.map(toKafkaMessage),
    });
  const profileOf = (caseId: string) =>
    nativeCollection<{ _id: string; status?: string }>(h.runtime.connection, 'case_profiles').findOne({
      _id: caseId,
    });

  beforeAll(async () => {
    h = await startServiceUnderTest('rm-case-status');
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(consumedCaseTypes)('after %s the case counts in the status the event states', async (type) => {
    const caseId = newEventId();
    const event = fixtureOf(type, caseId);
    await send([event]);
    const stated = event.data.status;
    await waitFor(async () => expect((await profileOf(caseId))?.status).toBe(stated));
  });

  it('when screening raises a case to critical, the region’s urgent cases count it', async () => {
    const caseId = newEventId();
    const registered = fixtureOf('case.registered.v1', caseId, { urgency: 'low' });
    const region = registered.data.region;
    await send([registered]);
    // The exact factor the band is scored on: one urgent case is hidden from readers (small counts).
    const urgentCases = async () =>
      (await h.stores.risks.load(region))?.factors.find((factor) => factor.name === 'urgent_cases')?.value;
    await waitFor(async () => expect((await profileOf(caseId))?.status).toBe('registered'));
    const before = (await urgentCases()) ?? 0;
    const screened = fixtureOf('case.screened.v1', caseId, { urgency: 'critical' });
    await send([screened]);
    await waitFor(async () => expect(await urgentCases()).toBeGreaterThan(before));
  });
});

// The follow-up sweep against the real store: a pass reads the days since the last completed one,
// so follow-ups that came due while nothing swept are flagged once when sweeping resumes.
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseRequests, seedQualifiedMediator } from '../routes/case-requests.test-support.ts';
import { caseRunner } from '../store/case-command-runner.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { sweepFollowUpsDue } from './follow-up-due-sweep.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;

beforeAll(async () => {
  service = await startServiceUnderTest('follow-up-sweep');
  requests = caseRequests(service, await service.watch('cases'));
  await seedQualifiedMediator(service);
});
afterAll(async () => service?.close());

const sweepAt = (instant: string) =>
  sweepFollowUpsDue({
    cases: service.cases,
    runner: caseRunner(service.cases, service.relay),
    clock: () => new Date(instant),
    newId: newEventId,
    logger: service.runtime.logger,
  });

async function outcomeDue(followUpDue: string): Promise<string> {
  const { caseId, parties } = await requests.register();
  await requests.run(caseId, 'screen');
  for (const party of parties) {
    await requests.run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
  }
  await requests.run(caseId, 'assign', { mediatorId: 'med-1' });
  const heldOn = dayOf(service.clock.now);
  await requests.run(caseId, 'record-session', { kind: 'joint', heldOn, durationMinutes: 30 });
  await requests.run(caseId, 'record-outcome', { outcome: 'none', followUpDue });
  return caseId;
}

it('flags once a follow-up that came due days before sweeping resumed, and keeps the day it read through', async () => {
  service.clock.now = new Date('2026-03-02T08:00:00.000Z');
  const caseId = await outcomeDue('2026-03-04');
  // Swept on the 2nd, then nothing swept until the 10th: the case came due on the 4th.
  expect(await sweepAt('2026-03-02T09:00:00.000Z')).toBe(0);
  expect(await service.cases.jobMark('follow-up-sweep')).toBe('2026-03-02');
  expect(await sweepAt('2026-03-10T06:00:00.000Z')).toBe(1);
  expect(await service.cases.jobMark('follow-up-sweep')).toBe('2026-03-10');
  expect(await sweepAt('2026-03-11T06:00:00.000Z')).toBe(0);
  await waitFor(() =>
    expect(requests.typesOn(caseId).filter((type) => type === 'case.follow-up-due.v1')).toHaveLength(1),
  );
  expect((await service.cases.load(caseId))?.followUpDueNotified).toBe(true);
});

it('leaves the rest of a full batch to the next pass, which starts from the day it stopped on', async () => {
  service.clock.now = new Date('2026-04-01T08:00:00.000Z');
  const caseIds = [
    await outcomeDue('2026-04-03'),
    await outcomeDue('2026-04-03'),
    await outcomeDue('2026-04-05'),
  ];
  const pass = (instant: string) =>
    sweepFollowUpsDue(
      {
        cases: service.cases,
        runner: caseRunner(service.cases, service.relay),
        clock: () => new Date(instant),
        newId: newEventId,
        logger: service.runtime.logger,
      },
      1,
    );
  expect(await pass('2026-04-06T08:00:00.000Z')).toBe(1);
  expect(await service.cases.jobMark('follow-up-sweep')).toBe('2026-04-03');
  expect(await pass('2026-04-06T08:01:00.000Z')).toBe(1);
  expect(await pass('2026-04-06T08:02:00.000Z')).toBe(1);
  expect(await pass('2026-04-06T08:03:00.000Z')).toBe(0);
  expect(await service.cases.jobMark('follow-up-sweep')).toBe('2026-04-06');
  for (const caseId of caseIds) {
    expect((await service.cases.load(caseId))?.followUpDueNotified).toBe(true);
  }
});

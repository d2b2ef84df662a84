// Issue 21: every query case-intake sends while its routes, consumer and sweeps do their work is
// answered through an index, never by reading a growing collection whole (kit testing/query-plans.ts).
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import {
  outboxAllowance,
  type QueryRecorder,
  recordQueries,
  scanningQueries,
} from '@kelisim/service-kit/testing/query-plans';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepFollowUpsDue } from './jobs/follow-up-due-sweep.ts';
import { sweepRetention } from './jobs/retention-sweep.ts';
import {
  caseRequests,
  district,
  mediatorUser,
  region,
  seedQualifiedMediator,
} from './routes/case-requests.test-support.ts';
import { caseRunner } from './store/case-command-runner.ts';
import {
  type ServiceUnderTest,
  startServiceUnderTest,
  startTestMediatorsConsumer,
} from './testing/service-under-test.ts';

let service: ServiceUnderTest;
let consumer: RunningConsumer;
let recorder: QueryRecorder;
const admin = { sub: 'u-admin-kz', roles: ['admin' as const], regions: ['KZ'] };
const regionAdmin = { sub: 'u-admin-75', roles: ['admin' as const], regions: [region] };
const districtGroup = { sub: 'u-group-d', roles: ['group_member' as const], regions: [district] };

beforeAll(async () => {
  service = await startServiceUnderTest('query-plans', { monitorCommands: true });
  recorder = recordQueries(service.runtime.connection.getClient(), service.runtime.connection.name);
  consumer = await startTestMediatorsConsumer(service);
});
afterAll(async () => {
  recorder?.stop();
  await consumer?.stop();
  await service?.close();
});

async function get(url: string, claims: object) {
  const response = await service.call('GET', url, { claims });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

it('answers every query of registration, commands, lists, audit, sweeps and the consumer through an index', async () => {
  await seedQualifiedMediator(service);
  const requests = caseRequests(service, []);
  service.clock.now = new Date('2026-01-05T08:00:00.000Z');
  const { caseId, parties } = await requests.register();
  // The same names again: the duplicate check finds the first case.
  const second = await requests.register();
  await requests.run(caseId, 'screen');
  await get(`/cases/${caseId}/eligible-mediators`, mediatorUser);
  for (const party of parties) {
    await requests.run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
  }
  await requests.run(caseId, 'assign', { mediatorId: 'med-1' });
  await requests.run(caseId, 'record-session', { kind: 'joint', heldOn: '2026-01-05', durationMinutes: 30 });
  await requests.run(caseId, 'record-outcome', {
    outcome: 'agreement',
    agreement: 'Both families share the yard on alternate days.',
    followUpDue: '2026-01-10',
  });
  const withdrawn = await service.call('POST', `/cases/${second.caseId}/withdraw-consent`, {
    body: { partyId: second.parties[1].partyId },
    claims: regionAdmin,
  });
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);

  const runner = caseRunner(service.cases, service.relay);
  const sweepDeps = (now: string) => ({
    cases: service.cases,
    runner,
    clock: () => new Date(now),
    newId: newEventId,
    logger: service.runtime.logger,
  });
  expect(await sweepFollowUpsDue(sweepDeps('2026-01-11T08:00:00.000Z'))).toBe(1);
  service.clock.now = new Date('2026-01-11T09:00:00.000Z');
  await requests.run(caseId, 'follow-up', { followedUpOn: '2026-01-11', result: 'holding' });
  await requests.run(caseId, 'close');
  expect(await sweepRetention({ ...sweepDeps('2031-06-01T08:00:00.000Z'), retentionDays: 30 })).toBe(1);

  for (const claims of [mediatorUser, regionAdmin, districtGroup, admin]) {
    const page = await get('/cases?limit=1', claims);
    if (page.nextCursor) await get(`/cases?limit=1&cursor=${page.nextCursor}`, claims);
  }
  for (const filter of [
    `region=${region}`,
    `district=${district}`,
    'status=closed',
    'urgency=high',
    'category=neighbourhood',
    'mediator=med-1',
    'from=2026-01-01&to=2026-01-31',
  ]) {
    await get(`/cases?${filter}`, regionAdmin);
  }
  await get(`/cases/${caseId}`, mediatorUser);
  await get(`/cases/${caseId}/history`, mediatorUser);
  for (const claims of [regionAdmin, admin]) {
    const page = await get('/audit?limit=2', claims);
    await get(`/audit?limit=2&cursor=${page.nextCursor}`, claims);
    await get(`/audit?caseId=${caseId}`, claims);
    await get(`/audit?user=${mediatorUser.sub}`, claims);
    await get('/audit?from=2026-01-01&to=2026-01-31', claims);
  }

  const event = buildEvent(
    'mediator.registered.v1',
    {
      mediatorId: 'med-2',
      userId: 'u-med-2',
      homeRegion: region,
      regions: [region],
      languages: ['ru'],
      specialisations: ['labour'],
      status: 'active',
    },
    {
      id: newEventId(),
      source: '/services/mediator-training',
      subject: 'med-2',
      time: new Date().toISOString(),
      correlationid: newEventId(),
      region,
    },
  );
  await service.runtime.producer.send({
    topic: topicName(service.runtime.infra.topicPrefix, 'mediators'),
    messages: [toKafkaMessage(event)],
  });
  await waitFor(async () => expect(await service.mediators.find('med-2')).not.toBeNull());
  await service.relay.publishOnce();

  const report = await scanningQueries(service.runtime.connection.db as never, recorder.queries(), {
    cases_outbox: outboxAllowance,
  });
  if (report.checked === false) return void console.warn(`query plans not checked: ${report.reason}`);
  expect(report.explained).toBeGreaterThan(20);
  expect(report.scans).toEqual([]);
});

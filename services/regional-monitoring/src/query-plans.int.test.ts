// Issue 21: every query regional-monitoring sends while its routes, consumer and sweeps do their
// work is answered through an index, never by reading a growing collection whole (kit
// testing/query-plans.ts).
import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import {
  outboxAllowance,
  type QueryRecorder,
  recordQueries,
  scanningQueries,
} from '@kelisim/service-kit/testing/query-plans';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseEvent } from './events/case-events.test-support.ts';
import { sweepOverdue } from './jobs/overdue-sweep.ts';
import { refreshStaleRisks } from './jobs/risk-refresh.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';

let h: ServiceUnderTest;
let recorder: QueryRecorder;

beforeAll(async () => {
  h = await startServiceUnderTest('rm-query-plans', { monitorCommands: true });
  recorder = recordQueries(h.runtime.connection.getClient(), h.runtime.connection.name);
});
afterAll(async () => {
  recorder?.stop();
  await h?.close();
});

type Claims = { sub: string; roles: string[]; regions: string[]; groups?: string[] };
const supervisor = { sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] };
const reviewer = { sub: 'sup-review', roles: ['supervisor'], regions: [almaty] };
const member = { sub: 'member-1', roles: ['group_member'], regions: [almaty], groups: ['grp-75'] };
const districtMember = { sub: 'member-2', roles: ['group_member'], regions: [almaly], groups: ['grp-75'] };
const admin = { sub: 'admin-kz', roles: ['admin'], regions: ['KZ'] };

async function call(method: 'GET' | 'POST', url: string, claims: Claims, payload?: object, status = 200) {
  const response = await h.app.inject({
    method,
    url,
    headers: await h.auth.headers(claims as never),
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

it('answers every query of visits, recommendations, case events, statistics and sweeps through an index', async () => {
  const visit = await call(
    'POST',
    '/visits',
    supervisor,
    {
      region: almaty,
      districts: [almaly],
      plannedFrom: '2030-05-12',
      plannedTo: '2030-05-14',
      team: ['member-1'],
    },
    201,
  );
  await call('POST', `/visits/${visit.id}/start`, member);
  await call('POST', `/visits/${visit.id}/submit`, member, {
    visitedFrom: '2030-05-12',
    visitedTo: '2030-05-13',
    findings: [{ indicator: 'rumours', score: 2 }],
  });
  await call('POST', `/visits/${visit.id}/review`, reviewer, { decision: 'approved' });
  const recommendation = await call(
    'POST',
    `/visits/${visit.id}/recommendations`,
    reviewer,
    { ownerGroupId: 'grp-75', dueDate: '2030-06-01', district: almaly, text: 'Meet the elders' },
    201,
  );
  await call('POST', `/recommendations/${recommendation.id}/status`, member, { status: 'in_progress' });

  for (const claims of [member, districtMember, admin]) {
    const page = await call('GET', '/visits?limit=1', claims);
    if (page.nextCursor) await call('GET', `/visits?limit=1&cursor=${page.nextCursor}`, claims);
    await call('GET', '/recommendations', claims);
  }
  for (const filter of [
    `region=${almaty}`,
    `district=${almaly}`,
    'status=reviewed',
    'from=2030-05-01&to=2030-05-31',
  ]) {
    await call('GET', `/visits?${filter}`, member);
    await call('GET', `/visits?${filter}`, admin);
  }
  for (const filter of [
    `visitId=${visit.id}`,
    'status=in_progress',
    'ownerGroupId=grp-75',
    'overdue=false',
    `district=${almaly}`,
    'from=2030-05-01&to=2030-06-30',
  ]) {
    await call('GET', `/recommendations?${filter}`, member);
    await call('GET', `/recommendations?${filter}`, admin);
  }

  const events: KnownEvent[] = [
    caseEvent('case.registered.v1', 'case-1', almaly),
    caseEvent('case.escalated.v1', 'case-1', almaly),
    caseEvent('case.registered.v1', 'case-2', '791510000'),
  ];
  await h.runtime.producer.send({
    topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
    messages: events.map(toKafkaMessage),
  });
  await waitFor(async () => expect(await h.stores.risks.load(almaty)).not.toBeNull());
  await call('GET', `/regions/${almaty}/statistics`, member);
  await call('GET', '/risk', admin);
  await call('GET', `/regions/${almaty}/risk`, member);
  await call('GET', `/regions/${almaty}/risk/history`, member);

  const later = new Date('2030-07-01T06:00:00Z');
  await sweepOverdue({
    stores: h.stores,
    clock: () => later,
    wakeRelay: () => h.relay.wake(),
    logger: h.runtime.logger,
  });
  const refresh = {
    stores: h.stores,
    windowDays: h.windowDays,
    wakeRelay: () => h.relay.wake(),
    logger: h.runtime.logger,
  };
  await refreshStaleRisks({ ...refresh, clock: () => new Date(Date.now() + 60 * 86_400_000) }, 3_600_000);
  await h.relay.publishOnce();

  const risks = 'one document per region (about twenty), whatever the number of cases';
  const report = await scanningQueries(h.runtime.connection.db as never, recorder.queries(), {
    visits_outbox: outboxAllowance,
    recommendations_outbox: outboxAllowance,
    region_risk_outbox: outboxAllowance,
    indicators_outbox: outboxAllowance,
    region_risk: risks,
    indicators: 'reference data: one document per indicator, set by administrators',
  });
  if (report.checked === false) return void console.warn(`query plans not checked: ${report.reason}`);
  expect(report.explained).toBeGreaterThan(15);
  expect(report.scans).toEqual([]);
});

// Issue 21: every query notifications sends on a collection that grows with the Center's work
// (alerts, deliveries, commits, processed events) is answered through an index, never by reading
// it whole (kit testing/query-plans.ts).
import {
  outboxAllowance,
  type QueryRecorder,
  recordQueries,
  scanningQueries,
} from '@kelisim/service-kit/testing/query-plans';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  district,
  districtGroupId,
  eventually,
  minute,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

let f: ServiceUnderTest;
let recorder: QueryRecorder;

beforeAll(async () => {
  f = await startServiceUnderTest('nt-query-plans', { monitorCommands: true });
  recorder = recordQueries(f.runtime.connection.getClient(), f.runtime.connection.name);
});
afterAll(async () => {
  recorder?.stop();
  await f?.close();
});

it('answers every query on alerts, deliveries, commits and processed events through an index', async () => {
  const escalated = f.caseEvent('case.escalated.v1', 'case-qp-1', { escalationLevel: 1, previousLevel: 0 });
  const registered = f.caseEvent('case.registered.v1', 'case-qp-2');
  await f.publish(escalated);
  await f.publish(registered);
  const [alert] = await eventually(async () => {
    const found = await f.inboxFor(districtGroupId, await f.districtMember(), escalated.id);
    expect(found).toHaveLength(1);
    return found;
  });
  const get = async (url: string, headers: Record<string, string>) => {
    const response = await f.service.app.inject({ method: 'GET', url, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  for (const headers of [await f.regionMember(), await f.admin()]) {
    const page = await get('/alerts?limit=1', headers);
    if (page.nextCursor) await get(`/alerts?limit=1&cursor=${page.nextCursor}`, headers);
    for (const query of ['severity=critical', 'status=raised', `region=${region}`, `district=${district}`]) {
      await get(`/alerts?${query}`, headers);
    }
  }
  await get(`/groups/${regionGroupId}/alerts?limit=1`, await f.regionMember());
  await get(`/alerts/${alert?.alertId}`, await f.districtMember());
  await get(`/alerts/${alert?.alertId}/deliveries`, await f.admin());
  const ack = await f.service.app.inject({
    method: 'POST',
    url: `/alerts/${alert?.alertId}/acknowledge`,
    headers: await f.districtMember(),
    payload: { note: 'on it' },
  });
  expect(ack.statusCode, ack.body).toBe(200);
  f.advanceClock(16 * minute);
  await f.service.sweepEscalations();
  // A scrape counts the outboxes and the open alerts past their deadline.
  const scrape = await f.service.app.inject({ method: 'GET', url: '/metrics' });
  expect(scrape.body).toContain('kelisim_alerts_unacknowledged_overdue{');

  // What a closing case's consumer asks before resolving its alerts (alert-delivery's tests drive
  // it through the broker).
  const alerts = f.service.stores.alerts;
  expect(await alerts.openOfMatter('case:case-qp-2')).not.toEqual([]);
  expect(await alerts.ofMatterForGroup('case:case-qp-2', regionGroupId)).not.toEqual([]);

  const small = 'set by administrators: a group per territory, a rule per event type';
  const report = await scanningQueries(f.runtime.connection.db as never, recorder.queries(), {
    alerts_outbox: outboxAllowance,
    groups_outbox: outboxAllowance,
    rules_outbox: outboxAllowance,
    groups: small,
    rules: small,
  });
  if (report.checked === false) return void console.warn(`query plans not checked: ${report.reason}`);
  expect(report.explained).toBeGreaterThan(10);
  expect(report.scans).toEqual([]);
});

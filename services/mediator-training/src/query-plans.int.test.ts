// Issue 21: every query mediator-training sends on a collection that grows with the Center's work
// (commits, practice cases from `case.closed`, processed events) is answered through an index,
// never by reading it whole (kit testing/query-plans.ts).
import { newEventId } from '@kelisim/contracts/envelope';
import {
  outboxAllowance,
  type QueryRecorder,
  recordQueries,
  scanningQueries,
} from '@kelisim/service-kit/testing/query-plans';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepExpiries } from './jobs/expiry-sweep.ts';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const almaty = '750000000';
let svc: ServiceUnderTest;
let recorder: QueryRecorder;

beforeAll(async () => {
  svc = await startServiceUnderTest('mt-query-plans', { monitorCommands: true });
  recorder = recordQueries(svc.runtime.connection.getClient(), svc.runtime.connection.name);
});
afterAll(async () => {
  recorder?.stop();
  await svc?.close();
});

it('answers every query on commits, practice cases and processed events through an index', async () => {
  const coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
  const admin = await svc.auth.headers({ sub: 'admin-kz', roles: ['admin'], regions: ['KZ'] });
  const mediator = await svc.auth.headers({ sub: 'user-med-1', roles: ['mediator'], regions: [almaty] });
  const call = async (method: 'GET' | 'POST', url: string, headers: object, payload?: object) => {
    const response = await svc.app.inject({
      method,
      url,
      headers: headers as never,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const { mediatorId } = await call('POST', '/mediators', coordinator, {
    userId: 'user-med-1',
    name: 'Query Plan Mediator',
    contacts: { phone: '+7 701 000 00 00' },
    homeRegion: almaty,
    languages: ['kk'],
  });
  const { courseId } = await call('POST', '/courses', coordinator, {
    title: { kk: 'Диалог', ru: 'Диалог' },
    modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
    requiredHours: 8,
    passMark: 50,
    validityMonths: 12,
  });
  const { enrolmentId } = await call('POST', '/enrolments', coordinator, { mediatorId, courseId });
  await call('POST', `/enrolments/${enrolmentId}/attendance`, coordinator, { moduleId: 'm1', hours: 8 });
  const { certificationId } = await call('POST', `/enrolments/${enrolmentId}/assessment`, coordinator, {
    score: 80,
  });
  await svc.publish(
    'case.closed.v1',
    {
      caseId: 'case-1',
      caseNumber: 'EM-2025-75-1',
      region: almaty,
      district: '751210000',
      status: 'closed',
      category: 'neighbourhood',
      mediatorId,
      outcome: 'agreement',
      outcomeReached: true,
      sessionCount: 2,
      closedOn: '2025-02-20',
    },
    'case-1',
  );
  await waitFor(async () => expect(await svc.stores.practice.count(mediatorId)).toBe(1));
  for (const headers of [coordinator, admin, mediator]) {
    await call('GET', '/mediators', headers);
    await call('GET', '/enrolments', headers);
    await call('GET', '/certifications', headers);
  }
  await call('GET', `/mediators/${mediatorId}`, coordinator);
  await call('GET', `/mediators/names?ids=${mediatorId}`, coordinator);
  await call('GET', `/certifications/${certificationId}`, coordinator);
  // Refused for want of practice, after counting it.
  await svc.app.inject({
    method: 'POST',
    url: `/certifications/${certificationId}/renew`,
    headers: coordinator,
  });
  svc.setNow('2026-03-01T09:00:00.000Z');
  await sweepExpiries({
    enrolments: svc.stores.enrolments,
    clock: svc.clock,
    newId: newEventId,
    logger: svc.runtime.logger,
    wake: () => svc.relay.wake(),
  });
  await svc.relay.publishOnce();

  // People and courses: a row per mediator, course or enrolment, thousands at most, whatever the
  // number of cases; their lists and the yearly expiry sweep may read them whole.
  const people = 'one document per mediator, course or enrolment: bounded by the people trained';
  const report = await scanningQueries(svc.runtime.connection.db as never, recorder.queries(), {
    mediators_outbox: outboxAllowance,
    courses_outbox: outboxAllowance,
    enrolments_outbox: outboxAllowance,
    partners_outbox: outboxAllowance,
    mediators: people,
    courses: people,
    enrolments: people,
  });
  if (report.checked === false) return void console.warn(`query plans not checked: ${report.reason}`);
  expect(report.explained).toBeGreaterThan(5);
  expect(report.scans).toEqual([]);
});

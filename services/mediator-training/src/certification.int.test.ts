// Training and certification through HTTP on the real broker and FerretDB: completion with a
// pass publishes certification.issued, practice from `case.closed` unlocks renewal, suspension and
// reinstatement, and the expiry sweep (notice, lifted suspension, two instances racing).
import { newEventId } from '@kelisim/contracts/envelope';
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiries } from './jobs/expiry-sweep.ts';
import { createStores } from './store/stores.ts';
import {
  plaintextLeaks,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const almaty = '750000000';
const astana = '710000000';
const secretName = 'Әлия Сертификатова-Құпия';

describe('training and certification', () => {
  let svc: ServiceUnderTest;
  let coordinator: { authorization: string };
  let astanaCoordinator: { authorization: string };
  let mediatorId: string;
  let courseId: string;
  let certificationId: string;

  beforeAll(async () => {
    svc = await startServiceUnderTest('certification');
    coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
    astanaCoordinator = await svc.auth.headers({ sub: 'coord-2', roles: ['coordinator'], regions: [astana] });
    const registered = await post(
      '/mediators',
      {
        userId: 'user-med-1',
        name: secretName,
        contacts: { phone: '+7 701 000 00 00', email: 'user-med-1@example.kz' },
        homeRegion: almaty,
        languages: ['kk', 'ru'],
      },
      coordinator,
    );
    expect(registered.statusCode, registered.body).toBe(201);
    mediatorId = registered.json().mediatorId;
  });
  afterAll(async () => {
    await svc?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string>) =>
    svc.app.inject({ method: 'POST', url, payload: payload as object, headers });

  const sweepDeps = () => ({
    enrolments: svc.stores.enrolments,
    clock: svc.clock,
    newId: newEventId,
    logger: svc.runtime.logger,
    wake: () => svc.relay.wake(),
  });

  it('completing an enrolment with a passing score publishes training.completed and certification.issued', async () => {
    const course = await post(
      '/courses',
      {
        title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
        modules: [
          { moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 20 },
          { moduleId: 'm2', title: { kk: 'Тәжірибе', ru: 'Практика' }, hours: 20 },
        ],
        requiredHours: 36,
        passMark: 70,
        validityMonths: 36,
      },
      coordinator,
    );
    expect(course.statusCode, course.body).toBe(201);
    courseId = course.json().courseId;
    const enrolment = await post('/enrolments', { mediatorId, courseId }, coordinator);
    expect(enrolment.statusCode, enrolment.body).toBe(201);
    const enrolmentId = enrolment.json().enrolmentId;
    await post(`/enrolments/${enrolmentId}/attendance`, { moduleId: 'm1', hours: 20 }, coordinator);
    const tooMany = await post(
      `/enrolments/${enrolmentId}/attendance`,
      { moduleId: 'm2', hours: 25 },
      coordinator,
    );
    expect(tooMany.statusCode).toBe(422);
    await post(`/enrolments/${enrolmentId}/attendance`, { moduleId: 'm2', hours: 18 }, coordinator);
    const assessed = await post(`/enrolments/${enrolmentId}/assessment`, { score: 82 }, coordinator);
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect(assessed.json()).toMatchObject({ status: 'completed', attendedHours: 38 });
    certificationId = assessed.json().certificationId;
    const twice = await post('/enrolments', { mediatorId, courseId }, coordinator);
    expect(twice.statusCode).toBe(201); // the first enrolment is completed, a new one may start
    const duplicate = await post('/enrolments', { mediatorId, courseId }, coordinator);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('enrolment.already_enrolled');

    await waitFor(() => expect(svc.publishedOfType('certification.issued.v1')).toHaveLength(1));
    await waitFor(() => expect(svc.publishedOfType('enrolment.created.v1')).toHaveLength(2));
    expect(svc.publishedOfType('certification.issued.v1')[0]).toMatchObject({
      subject: certificationId,
      data: {
        certificationId,
        mediatorId,
        courseId,
        enrolmentId,
        validFrom: '2025-03-01',
        validUntil: '2028-02-29',
      },
    });
    expect(svc.publishedOfType('training.completed.v1')[0]?.data).toMatchObject({ passed: true, score: 82 });
  });

  it('a mediator is enrolled on a course once at a time: of five enrolments racing, one is 201 and four are 409', async () => {
    const course = await post(
      '/courses',
      {
        title: { kk: 'Диалог', ru: 'Диалог' },
        modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
        requiredHours: 8,
        passMark: 50,
        validityMonths: 12,
      },
      coordinator,
    );
    expect(course.statusCode, course.body).toBe(201);
    const body = { mediatorId, courseId: course.json().courseId };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post('/enrolments', body, coordinator)),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = answers.find((answer) => answer.statusCode === 201)?.json().enrolmentId;
    for (const refused of answers.filter((answer) => answer.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ code: 'enrolment.already_enrolled', enrolmentId: winner });
    }
  });

  it('practice counted from case.closed events, each case once even when delivered twice, unlocks renewal', async () => {
    svc.setNow('2027-12-20T09:00:00.000Z');
    const closed = (caseId: string, outcomeReached = true) => ({
      caseId,
      caseNumber: 'EM-2027-75-1',
      region: almaty,
      district: '751210000',
      status: 'closed' as const,
      category: 'neighbourhood' as const,
      mediatorId,
      outcome: outcomeReached ? ('agreement' as const) : ('none' as const),
      outcomeReached,
      sessionCount: 2,
      closedOn: '2027-06-01',
    });
    const first = await svc.publish('case.closed.v1', closed('case-1'), 'case-1');
    await svc.publish('case.closed.v1', closed('case-1'), 'case-1', first); // the same event again
    await svc.publish('case.closed.v1', closed('case-2'), 'case-2');
    await svc.publish('case.closed.v1', closed('case-3', false), 'case-3'); // no outcome: no practice
    await waitFor(() => expect(svc.consumer.stats.processed + svc.consumer.stats.skippedDuplicates).toBe(4));
    expect(await svc.stores.practice.count(mediatorId)).toBe(2);

    const refused = await post(`/certifications/${certificationId}/renew`, undefined, coordinator);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'certification.renewal_needs_practice',
      practiceCaseCount: 2,
    });

    await svc.publish('case.closed.v1', closed('case-4'), 'case-4');
    await waitFor(async () => expect(await svc.stores.practice.count(mediatorId)).toBe(3));
    const renewed = await post(`/certifications/${certificationId}/renew`, undefined, coordinator);
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({
      status: 'valid',
      validFrom: '2027-12-20',
      validUntil: '2031-02-28',
    });
    await waitFor(() =>
      expect(svc.publishedOfType('certification.renewed.v1')[0]?.data).toMatchObject({
        previousValidUntil: '2028-02-29',
        practiceCaseCount: 3,
      }),
    );
  });

  it('a coordinator suspends with a reason code and reinstates; a bad reason is 400, a mediator may not decide', async () => {
    const url = `/certifications/${certificationId}`;
    const commitsBefore = await svc.stores.enrolments.log.commits.countDocuments();
    const bad = await post(`${url}/suspend`, { reason: 'Он нагрубил' }, coordinator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/body/reason');
    const asMediator = await svc.auth.headers({ sub: 'user-med-1', roles: ['mediator'], regions: [almaty] });
    expect((await post(`${url}/suspend`, { reason: 'ethics_breach' }, asMediator)).statusCode).toBe(403);
    expect((await post(`${url}/suspend`, { reason: 'ethics_breach' }, astanaCoordinator)).statusCode).toBe(
      404,
    );
    expect(await svc.stores.enrolments.log.commits.countDocuments()).toBe(commitsBefore);

    const suspended = await post(`${url}/suspend`, { reason: 'complaint_under_review' }, coordinator);
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', reason: 'complaint_under_review' });
    const again = await post(`${url}/suspend`, { reason: 'other' }, coordinator);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      currentState: 'suspended',
      allowedCommands: ['reinstate', 'revoke'],
    });
    const stale = await svc.app.inject({
      method: 'POST',
      url: `${url}/reinstate`,
      headers: { ...coordinator, 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const reinstated = await svc.app.inject({
      method: 'POST',
      url: `${url}/reinstate`,
      headers: { ...coordinator, 'if-match': suspended.headers.etag as string },
    });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    // A suspension with an end date is lifted by the sweep the day after.
    const bounded = await post(
      `${url}/suspend`,
      { reason: 'mediator_request', until: '2027-12-25' },
      coordinator,
    );
    expect(bounded.json()).toMatchObject({ status: 'suspended', suspendedUntil: '2027-12-25' });
    svc.setNow('2027-12-26T03:00:00.000Z');
    expect(await sweepExpiries(sweepDeps())).toMatchObject({ reinstated: 1, expired: 0 });
    expect((await svc.app.inject({ method: 'GET', url, headers: coordinator })).json().status).toBe('valid');
    await waitFor(() => {
      expect(svc.publishedOfType('certification.suspended.v1')[0]?.data).toMatchObject({
        reason: 'complaint_under_review',
        decidedBy: 'coord-1',
      });
      expect(svc.publishedOfType('certification.reinstated.v1')).toHaveLength(2);
    });
  });

  it('60 days before its last day the sweep tells once, and the certificate is listed as expiring', async () => {
    svc.setNow('2031-01-01T02:00:00.000Z');
    const deps = sweepDeps();
    expect(await sweepExpiries(deps)).toMatchObject({ expiring: 1, expired: 0 });
    expect(await sweepExpiries(deps)).toMatchObject({ expiring: 0, expired: 0 });
    await waitFor(() =>
      expect(svc.publishedOfType('certification.expiring.v1')).toEqual([
        expect.objectContaining({
          subject: certificationId,
          data: expect.objectContaining({ daysLeft: 58 }),
        }),
      ]),
    );
    const within = (days: number) =>
      svc.app.inject({
        method: 'GET',
        url: `/certifications?expiringWithinDays=${days}`,
        headers: coordinator,
      });
    expect(
      (await within(60)).json().items.map((item: { certificationId: string }) => item.certificationId),
    ).toEqual([certificationId]);
    expect((await within(30)).json().items).toEqual([]);
  });

  it('when a certificate passes its last day, two instances sweeping at once publish certification.expired exactly once', async () => {
    svc.setNow('2031-03-01T02:00:00.000Z');
    // A second instance: its own connection and stores on the same database.
    const connection = await connectMongo({
      url: svc.runtime.infra.mongoUrl,
      dbName: svc.runtime.infra.dbName,
    });
    const deps = sweepDeps();
    const other = { ...deps, enrolments: createStores(connection).enrolments };
    const results = await Promise.all([sweepExpiries(deps), sweepExpiries(other)]).finally(() =>
      connection.close(),
    );
    expect(results.reduce((sum, result) => sum + result.expired, 0)).toBe(1);
    expect(await sweepExpiries(deps)).toEqual({ expiring: 0, expired: 0, reinstated: 0, lostRaces: 0 });

    await waitFor(() => expect(svc.publishedOfType('certification.expired.v1')).toHaveLength(1));
    await waitFor(async () => expect(await svc.stores.enrolments.log.countUnpublished()).toBe(0));
    expect(svc.publishedOfType('certification.expired.v1')).toEqual([
      expect.objectContaining({
        subject: certificationId,
        data: expect.objectContaining({ validUntil: '2031-02-28' }),
      }),
    ]);
    const listed = await svc.app.inject({
      method: 'GET',
      url: '/certifications?status=expired',
      headers: coordinator,
    });
    expect(listed.json().items.map((item: { certificationId: string }) => item.certificationId)).toEqual([
      certificationId,
    ]);
  });

  it('no plaintext name or contact reaches MongoDB documents or Kafka messages, and every event meets its contract', async () => {
    expect(await plaintextLeaks(svc, [secretName, '+7 701', 'example.kz'])).toEqual([]);
    expect(svc.published.length).toBeGreaterThan(8);
    for (const value of svc.published)
      expect(parseEnvelope(JSON.parse(value), { family: 'mediators' }).ok, value).toBe(true);
  });
});

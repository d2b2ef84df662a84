// Writes take only what the caller may set (issue 9): ids, versions, audit fields, outcomes and
// links owned by the service are ignored and never stored, regions beyond the token are refused;
// strings and arrays have ceilings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const almaty = '750000000';
const astana = '710000000';
const forged = 'forged-by-caller';
const forgedDate = '1999-01-01T00:00:00.000Z';
// Fields the service owns, sent with every write below.
const owned = {
  _id: forged,
  id: forged,
  mediatorId: forged,
  courseId: forged,
  enrolmentId: forged,
  certificationId: forged,
  version: 4242,
  createdAt: forgedDate,
  updatedAt: forgedDate,
  createdBy: forged,
  registeredBy: forged,
};

let svc: ServiceUnderTest;
let coordinator: { authorization: string };
const course = {
  title: { kk: 'Курс', ru: 'Курс' },
  modules: [{ moduleId: 'm1', title: { kk: 'Модуль', ru: 'Модуль' }, hours: 10 }],
  requiredHours: 8,
  passMark: 60,
  validityMonths: 36,
};
const send = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  svc.app.inject({ method, url, payload, headers: coordinator });

async function rawDatabase(): Promise<string> {
  const db = svc.runtime.connection.getClient().db(svc.runtime.connection.name);
  let raw = '';
  for (const { name } of await db.listCollections().toArray()) {
    raw += JSON.stringify(await db.collection(name).find({}).toArray());
  }
  return raw;
}

beforeAll(async () => {
  svc = await startServiceUnderTest('write-guards');
  coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
});
afterAll(async () => svc?.close());

describe('mass assignment', () => {
  it('ignores service-owned fields on every create and update, and stores none of them', async () => {
    const mediator = await send('POST', '/mediators', {
      ...owned,
      userId: 'u-med-guard',
      name: 'Guarded Mediator',
      homeRegion: almaty,
      languages: ['kk'],
    });
    expect(mediator.statusCode, mediator.body).toBe(201);
    const { mediatorId, version } = mediator.json();
    expect(mediatorId).not.toBe(forged);
    expect(version).toBe(1);
    const patched = await send('PATCH', `/mediators/${mediatorId}`, {
      ...owned,
      userId: 'u-takeover',
      languages: ['ru'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ mediatorId, userId: 'u-med-guard', languages: ['ru'] });

    const created = await send('POST', '/courses', { ...owned, ...course });
    expect(created.statusCode, created.body).toBe(201);
    const { courseId } = created.json();
    expect(courseId).not.toBe(forged);
    expect((await send('PATCH', `/courses/${courseId}`, { ...owned, passMark: 65 })).statusCode).toBe(200);

    const enrolment = await send('POST', '/enrolments', {
      ...owned,
      mediatorId,
      courseId,
      status: 'completed',
      score: 100,
      attendedHours: 1000,
    });
    expect(enrolment.statusCode, enrolment.body).toBe(201);
    expect(enrolment.json()).toMatchObject({ status: 'enrolled', attendedHours: 0 });
    const { enrolmentId } = enrolment.json();
    expect(enrolmentId).not.toBe(forged);
    const attended = await send('POST', `/enrolments/${enrolmentId}/attendance`, {
      ...owned,
      moduleId: 'm1',
      hours: 10,
    });
    expect(attended.statusCode, attended.body).toBe(200);
    const assessed = await send('POST', `/enrolments/${enrolmentId}/assessment`, { ...owned, score: 90 });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect(assessed.json().certificationId).not.toBe(forged);

    const raw = await rawDatabase();
    expect(raw).not.toContain(forged);
    expect(raw).not.toContain('1999-01-01');
    expect(raw).not.toContain('u-takeover');
  });

  it('refuses regions beyond the token on registration and on update', async () => {
    const outside = await send('POST', '/mediators', {
      userId: 'u-med-astana',
      name: 'Elsewhere',
      homeRegion: almaty,
      regions: [astana],
      languages: ['kk'],
    });
    expect(outside.statusCode).toBe(403);
    const mine = await send('POST', '/mediators', {
      userId: 'u-med-mine',
      name: 'Mine',
      homeRegion: almaty,
      languages: ['kk'],
    });
    const widened = await send('PATCH', `/mediators/${mine.json().mediatorId}`, { regions: [astana] });
    expect(widened.statusCode).toBe(403);
    expect(await rawDatabase()).not.toContain(astana);
  });
});

describe('size limits', () => {
  it('answers 400 to oversize strings and arrays', async () => {
    const base = { userId: 'u-med-big', name: 'Big', homeRegion: almaty, languages: ['kk'] };
    for (const [what, body] of [
      ['a long name', { ...base, name: 'x'.repeat(5_000) }],
      ['many languages', { ...base, languages: Array.from({ length: 500 }, () => 'kk') }],
      ['many specialisations', { ...base, specialisations: Array.from({ length: 500 }, () => 'religion') }],
      ['many regions', { ...base, regions: Array.from({ length: 50 }, () => almaty) }],
    ] as const) {
      const response = await send('POST', '/mediators', body);
      expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBe(400);
    }
    const modules = Array.from({ length: 51 }, (_, i) => ({ ...course.modules[0], moduleId: `m${i}` }));
    expect((await send('POST', '/courses', { ...course, modules })).statusCode).toBe(400);
    expect(await rawDatabase()).not.toContain('u-med-big');
  });
});

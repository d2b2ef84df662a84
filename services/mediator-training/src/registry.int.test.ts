// The mediator registry through HTTP on the real broker and FerretDB: registration with an
// Idempotency-Key, validation that writes nothing, ETags, scope, and encryption at rest.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { lintOpenApi } from '@kelisim/service-kit/testing/openapi-lint';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  plaintextLeaks,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const almaty = '750000000';
const astana = '710000000';
const secretName = 'Гүлназ Тестова-Құпия';

describe('the mediator registry', () => {
  let svc: ServiceUnderTest;
  let coordinator: { authorization: string };
  let astanaCoordinator: { authorization: string };
  let mediatorId: string;

  beforeAll(async () => {
    svc = await startServiceUnderTest('registry');
    coordinator = await svc.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: [almaty] });
    astanaCoordinator = await svc.auth.headers({ sub: 'coord-2', roles: ['coordinator'], regions: [astana] });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string>) =>
    svc.app.inject({ method: 'POST', url, payload: payload as object, headers });

  async function registerMediator(userId: string, name = secretName) {
    const response = await post(
      '/mediators',
      {
        userId,
        name,
        contacts: { phone: '+7 701 000 00 00', email: `${userId}@example.kz` },
        homeRegion: almaty,
        languages: ['kk', 'ru'],
        specialisations: ['neighbourhood'],
      },
      coordinator,
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json().mediatorId as string;
  }

  it('registers a mediator with an Idempotency-Key once, and publishes mediator.registered without the person', async () => {
    const headers = { ...coordinator, 'idempotency-key': 'reg-med-1' };
    const body = { userId: 'user-med-1', name: secretName, homeRegion: almaty, languages: ['kk'] };
    const first = await post('/mediators', body, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers.etag).toBe('"1"');
    expect(first.json()).toMatchObject({ name: secretName, regions: [almaty], status: 'active' });
    const replay = await post('/mediators', body, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().mediatorId).toBe(first.json().mediatorId);
    const reused = await post('/mediators', { ...body, userId: 'user-med-other' }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    mediatorId = first.json().mediatorId;

    await waitFor(() => expect(svc.publishedOfType('mediator.registered.v1')).toHaveLength(1));
    expect(svc.publishedOfType('mediator.registered.v1')[0]?.data).toEqual({
      mediatorId,
      userId: 'user-med-1',
      homeRegion: almaty,
      regions: [almaty],
      languages: ['kk'],
      specialisations: [],
      status: 'active',
      kind: 'certified',
      partnerId: null,
    });
  });

  it('one user is one mediator: of six registrations racing for one user, one is 201 and five are 409', async () => {
    const body = { userId: 'user-raced', name: secretName, homeRegion: almaty, languages: ['kk'] };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/mediators', body, coordinator)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const refused = answers.find((answer) => answer.statusCode === 409);
    expect(refused?.json().code).toBe('mediator.user_already_registered');
    const page = await svc.app.inject({ method: 'GET', url: '/mediators?limit=100', headers: coordinator });
    expect(page.json().items.filter((item: { userId: string }) => item.userId === 'user-raced')).toHaveLength(
      1,
    );
  });

  it('a user whose registration claimed the user but never committed can be registered', async () => {
    const longAgo = new Date(svc.clock().getTime() - 60_000);
    await svc.stores.mediatorUsers.claim('user-ghost', 'med-never-committed', async () => 'absent', longAgo);
    await registerMediator('user-ghost');
  });

  it('bad input answers 400 problem+json naming the field, and writes nothing', async () => {
    const commitsBefore = await svc.stores.mediators.log.commits.countDocuments();
    const response = await post(
      '/mediators',
      { userId: 'user-x', name: 'X', homeRegion: '990000000', languages: ['kk'] },
      coordinator,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/homeRegion' })]),
    );
    const noLanguages = await post(
      '/mediators',
      { userId: 'user-y', name: 'Y', homeRegion: almaty, languages: [] },
      coordinator,
    );
    expect(noLanguages.statusCode).toBe(400);
    expect(noLanguages.json().errors[0].path).toBe('/body/languages');
    expect(await svc.stores.mediators.log.commits.countDocuments()).toBe(commitsBefore);
  });

  it('edits need the current ETag: a stale If-Match is 412, and a language change publishes mediator.updated', async () => {
    const url = `/mediators/${mediatorId}`;
    const stale = await svc.app.inject({
      method: 'PATCH',
      url,
      payload: { languages: ['kk', 'ru'] },
      headers: { ...coordinator, 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(412);
    const fresh = await svc.app.inject({
      method: 'PATCH',
      url,
      payload: { languages: ['kk', 'ru'] },
      headers: { ...coordinator, 'if-match': '"1"' },
    });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.headers.etag).toBe('"2"');
    await waitFor(() =>
      expect(svc.publishedOfType('mediator.updated.v1')[0]?.data).toMatchObject({
        mediatorId,
        languages: ['kk', 'ru'],
      }),
    );
  });

  it('a mediator reads their own record; another mediator, and a coordinator of another region, get 404', async () => {
    const other = await registerMediator('user-med-2', 'Басқа Медиатор');
    const own = await svc.app.inject({
      method: 'GET',
      url: `/mediators/${mediatorId}/record`,
      headers: await svc.auth.headers({ sub: 'user-med-1', roles: ['mediator'], regions: [almaty] }),
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      mediator: { mediatorId, name: secretName },
      practice: { caseCount: 0 },
    });
    const foreign = await svc.app.inject({
      method: 'GET',
      url: `/mediators/${other}/record`,
      headers: await svc.auth.headers({ sub: 'user-med-1', roles: ['mediator'], regions: [almaty] }),
    });
    expect(foreign.statusCode).toBe(404);
    const outOfRegion = await svc.app.inject({
      method: 'GET',
      url: `/mediators/${mediatorId}`,
      headers: astanaCoordinator,
    });
    expect(outOfRegion.statusCode).toBe(404);
    const list = await svc.app.inject({ method: 'GET', url: '/mediators?limit=1', headers: coordinator });
    expect(list.json().items).toHaveLength(1);
    const next = await svc.app.inject({
      method: 'GET',
      url: `/mediators?limit=1&cursor=${list.json().nextCursor}`,
      headers: coordinator,
    });
    expect(next.json().items[0].mediatorId).not.toBe(list.json().items[0].mediatorId);
    expect(
      (await svc.app.inject({ method: 'GET', url: '/mediators', headers: astanaCoordinator })).json().items,
    ).toEqual([]);
  });

  it('names mediators by id to whoever works in a territory they cover, without contacts; others get none', async () => {
    const names = (headers: Record<string, string>, ids: string) =>
      svc.app.inject({ method: 'GET', url: `/mediators/names?ids=${ids}`, headers });
    const almatyMediator = await svc.auth.headers({
      sub: 'user-med-9',
      roles: ['mediator'],
      regions: [almaty],
    });
    const named = await names(almatyMediator, `${mediatorId},${mediatorId},missing-id`);
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toEqual({ items: [{ mediatorId, name: secretName }] });
    const astanaMediator = await svc.auth.headers({
      sub: 'user-med-8',
      roles: ['mediator'],
      regions: [astana],
    });
    expect((await names(astanaMediator, mediatorId)).json()).toEqual({ items: [] });
    const empty = await names(almatyMediator, '');
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('ids');
  });

  it('no plaintext name or contact reaches MongoDB documents or Kafka messages, and every event meets its contract', async () => {
    expect(await plaintextLeaks(svc, [secretName, '+7 701', 'example.kz'])).toEqual([]);
    expect(svc.published.length).toBeGreaterThan(2);
    for (const value of svc.published)
      expect(parseEnvelope(JSON.parse(value), { family: 'mediators' }).ok, value).toBe(true);
  });

  it('serves its OpenAPI document with every route', async () => {
    const response = await svc.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/mediators',
        '/mediators/{mediatorId}/record',
        '/mediators/names',
        '/certifications/{certificationId}/renew',
      ]),
    );
  });

  it('its OpenAPI document passes a standard linter with no error, so clients can be generated from it', async () => {
    const document = (await svc.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect((await lintOpenApi(document)).errors).toEqual([]);
  });
});

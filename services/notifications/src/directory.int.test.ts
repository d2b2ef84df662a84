// The groups directory against the real broker and FerretDB: seeding, creation with an
// Idempotency-Key, optimistic concurrency, scoping, and contacts encrypted at rest.
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { lintOpenApi } from '@kelisim/service-kit/testing/openapi-lint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  district,
  districtGroupId,
  districtSecret,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

describe('the groups directory', () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    f = await startServiceUnderTest('directory');
  });
  afterAll(async () => {
    await f?.close();
  });

  it('webhook secrets are encrypted at rest and never answered; e-mail addresses are not kept at all', async () => {
    const stored = await nativeCollection(f.runtime.connection, 'groups').findOne({
      _id: districtGroupId as never,
    });
    expect(JSON.stringify(stored)).not.toContain('@');
    expect(JSON.stringify(stored)).not.toContain(districtSecret);
    const answered = await f.service.app.inject({
      method: 'GET',
      url: `/groups/${districtGroupId}`,
      headers: await f.districtMember(),
    });
    expect(answered.json().members[0]).toMatchObject({ email: true, webhook: { hasSecret: true } });
    expect(answered.body).not.toContain(districtSecret);
  });

  it('a webhook secret that is not a Standard Webhooks secret is refused, naming the field, and nothing changes', async () => {
    const before = await f.service.app.inject({
      method: 'GET',
      url: `/groups/${districtGroupId}`,
      headers: await f.admin(),
    });
    const refused = await f.service.app.inject({
      method: 'PUT',
      url: `/groups/${districtGroupId}`,
      headers: { ...(await f.admin()), 'if-match': before.headers.etag as string },
      payload: {
        names: before.json().names,
        members: [
          {
            userId: 'hook-1',
            language: 'ru',
            webhook: { url: 'https://hooks.example.test/k', secret: 'plain-shared-password' },
          },
        ],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ path: '/body/members/0/webhook/secret' }),
    ]);
    const after = await f.service.app.inject({
      method: 'GET',
      url: `/groups/${districtGroupId}`,
      headers: await f.admin(),
    });
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('seeding the directory again creates nothing', async () => {
    const again = await f.service.app.inject({
      method: 'POST',
      url: '/groups/seed',
      headers: await f.admin(),
      payload: { districts: [district] },
    });
    expect(again.json()).toEqual({ created: 0, existing: 43 });
  });

  it('creating a group is idempotent with the same Idempotency-Key and a conflict without it', async () => {
    const create = async (key?: string) =>
      f.service.app.inject({
        method: 'POST',
        url: '/groups',
        headers: { ...(await f.admin()), ...(key ? { 'idempotency-key': key } : {}) },
        payload: { level: 'district', district: '751110000', members: [{ userId: 'alm-1', language: 'ru' }] },
      });
    const first = await create('create-almaly');
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe('/groups/grp-751110000');
    expect(first.json()).toMatchObject({ level: 'district', parentId: regionGroupId, version: 1 });
    const replay = await create('create-almaly');
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect((await create()).statusCode).toBe(409);
  });

  it('refuses the same Idempotency-Key with another body with 422', async () => {
    const other = await f.service.app.inject({
      method: 'POST',
      url: '/groups',
      headers: { ...(await f.admin()), 'idempotency-key': 'create-almaly' },
      payload: { level: 'district', district: '751110000', members: [] },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('a stale If-Match gets 412 and a non-administrator may not edit the directory', async () => {
    const url = '/groups/grp-751110000';
    const payload = { names: { kk: 'Алмалы', ru: 'Алмалинский' }, members: [] };
    const stale = await f.service.app.inject({
      method: 'PUT',
      url,
      headers: { ...(await f.admin()), 'if-match': '"7"' },
      payload,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ currentVersion: 1 });
    const member = await f.service.app.inject({
      method: 'PUT',
      url,
      headers: await f.districtMember(),
      payload,
    });
    expect(member.statusCode).toBe(404);
    const creation = await f.service.app.inject({
      method: 'POST',
      url: '/groups',
      headers: await f.districtMember(),
      payload: { level: 'district', district: '751210000' },
    });
    expect(creation.statusCode).toBe(403);
    const removed = await f.service.app.inject({
      method: 'DELETE',
      url,
      headers: { ...(await f.admin()), 'if-match': '"1"' },
    });
    expect(removed.statusCode).toBe(204);
  });

  it('a member lists only their own groups within their territory; an administrator lists all', async () => {
    const mine = await f.service.app.inject({
      method: 'GET',
      url: '/groups',
      headers: await f.districtMember(),
    });
    expect(mine.json().items.map((g: { id: string }) => g.id)).toEqual([districtGroupId]);
    const all = await f.service.app.inject({
      method: 'GET',
      url: '/groups?limit=100',
      headers: await f.admin(),
    });
    expect(all.json().items).toHaveLength(43);
    const page = await f.service.app.inject({
      method: 'GET',
      url: '/groups?limit=5',
      headers: await f.admin(),
    });
    const next = await f.service.app.inject({
      method: 'GET',
      url: `/groups?limit=5&cursor=${page.json().nextCursor}`,
      headers: await f.admin(),
    });
    expect(next.json().items[0].id > page.json().items[4].id).toBe(true);
  });

  it('serves its OpenAPI document with every route', async () => {
    const response = await f.service.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining([
        '/groups',
        '/groups/{groupId}/alerts',
        '/alerts/{alertId}/acknowledge',
        '/rules/{ruleId}',
      ]),
    );
  });

  it('its OpenAPI document passes a standard linter with no error, so clients can be generated from it', async () => {
    const document = (await f.service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect((await lintOpenApi(document)).errors).toEqual([]);
  });
});

// People's display names (GET /people/names) against the real Keycloak the suite runs: the
// service reads first and last names with its own service account; the answer holds names only
// (no address, no username); ids the realm does not know are left out; only administrators,
// coordinators and supervisors may ask; a malformed id is refused naming the query.
import { keycloakStartTimeoutMs, startKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { ensureRealmUsers } from '@kelisim/service-kit/testing/keycloak-realm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { region, type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

const named = {
  id: 'nt-names-1',
  username: 'notifications-test.names-1',
  email: 'names-1@example.test',
  firstName: 'Әсел',
  lastName: 'Қасымова',
};
const unnamed = { id: 'nt-names-2', username: 'notifications-test.names-2', email: 'names-2@example.test' };

describe("people's names from the identity provider", () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    const keycloak = await startKeycloak();
    f = await startServiceUnderTest('people-names', { keycloak });
    await ensureRealmUsers(keycloak.issuer.replace(/\/realms\/[^/]+$/, ''), [named, unnamed]);
  }, keycloakStartTimeoutMs + 60_000);
  afterAll(async () => {
    await f?.close();
  });

  const ask = async (query: string, claims: { sub: string; roles: string[]; regions: string[] }) =>
    f.service.app.inject({
      method: 'GET',
      url: `/people/names?${query}`,
      headers: await f.auth.headers(claims as never),
    });

  it('names the users the realm has, and nothing else of them', async () => {
    for (const role of ['admin', 'coordinator', 'supervisor']) {
      const answer = await ask(`ids=${named.id},${unnamed.id},nobody-in-the-realm,${named.id}`, {
        sub: `names-${role}`,
        roles: [role],
        regions: [region],
      });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toEqual({ items: [{ userId: named.id, name: 'Әсел Қасымова' }] });
      expect(answer.body).not.toContain('@');
      expect(answer.body).not.toContain(named.username);
    }
  });

  it('is refused to other roles, and a malformed id is named in the query', async () => {
    for (const role of ['mediator', 'group_member']) {
      const answer = await ask(`ids=${named.id}`, { sub: `names-${role}`, roles: [role], regions: [region] });
      expect(answer.statusCode).toBe(403);
    }
    const admin = { sub: 'names-admin', roles: ['admin'], regions: ['KZ'] };
    const malformed = await ask('ids=someone@example.test', admin);
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('/querystring/ids/0');
    expect((await ask('ids=', admin)).statusCode).toBe(400);
  });
});

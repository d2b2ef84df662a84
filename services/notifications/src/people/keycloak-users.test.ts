// A Keycloak that does not answer makes the request that needed it an outage (503, retry shortly),
// never a 500 or a refusal of the member: the directory's errors are the kit's dependency outage.
import { createServer } from 'node:net';
import { problemFromError } from '@kelisim/service-kit/problem';
import { describe, expect, it } from 'vitest';
import { keycloakUserDirectory, UserDirectoryUnavailableError } from './keycloak-users.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the user directory when Keycloak does not answer', () => {
  it('is unavailable, and the request is answered 503 with Retry-After', async () => {
    const users = keycloakUserDirectory({
      url: `http://127.0.0.1:${await closedPort()}`,
      realm: 'kelisim',
      clientId: 'kelisim-notifications',
      clientSecret: 'unused',
      timeoutMs: 2_000,
    });
    const error = await users.find({ username: 'member.almaty' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    const answer = problemFromError(error, { instance: '/groups/grp-kz', correlationId: 'c-1' });
    expect(answer.problem).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    expect(answer.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(answer.problem)).not.toContain('127.0.0.1');
  });

  it("is unavailable for people's names too: GET /people/names answers 503, never an empty list", async () => {
    const users = keycloakUserDirectory({
      url: `http://127.0.0.1:${await closedPort()}`,
      realm: 'kelisim',
      clientId: 'kelisim-notifications',
      clientSecret: 'unused',
      timeoutMs: 2_000,
    });
    const error = await users.namesOf(['kz-1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    const answer = problemFromError(error, { instance: '/people/names', correlationId: 'c-2' });
    expect(answer.problem).toMatchObject({ status: 503, code: 'dependency_unavailable' });
  });
});

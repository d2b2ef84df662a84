// The services trust the realm `kelisim` (infra/keycloak): a service account's token, issued by a
// real Keycloak for client credentials, is verified against the realm's JWKS and scoped by the
// realm's claims; a token from anyone else is refused. The only test file of the suite that
// starts Keycloak.
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import {
  keycloakStartTimeoutMs,
  startKeycloak,
  type TestKeycloak,
} from '@kelisim/service-kit/testing/keycloak';
import { mintToken } from '@kelisim/service-kit/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from './testing/service-under-test.ts';

let keycloak: TestKeycloak;
let h: ServiceUnderTest;

beforeAll(async () => {
  keycloak = await startKeycloak();
  h = await startServiceUnderTest('keycloak', {
    verifier: createTokenVerifier({
      issuer: keycloak.issuer,
      audience: 'kelisim',
      key: { jwksUrl: keycloak.jwksUrl },
    }),
  });
}, keycloakStartTimeoutMs + 60_000);

afterAll(async () => {
  await h?.close();
});

const risk = (authorization: string) =>
  h.app.inject({ method: 'GET', url: '/risk', headers: { authorization } });

describe('tokens from the realm kelisim', () => {
  it("a service account's client-credentials token reads the republic's risk as a supervisor", async () => {
    const token = await keycloak.clientCredentialsToken('kelisim-reporting', 'kelisim-reporting-dev-secret');
    const response = await risk(`Bearer ${token}`);
    expect(response.statusCode, response.body).toBe(200);
  });

  it('a token signed by another issuer is refused with 401', async () => {
    const response = await risk(`Bearer ${await h.auth.mint({ roles: ['admin'], regions: ['KZ'] })}`);
    expect(response.statusCode).toBe(401);
  });

  it("a token that names the realm's issuer but is signed with another key is refused with 401", async () => {
    const forged = await mintToken({
      privateKeyPem: h.auth.keys.privateKeyPem,
      kid: h.auth.keys.kid,
      issuer: keycloak.issuer,
      audience: 'kelisim',
      sub: 'svc-kelisim-reporting',
      roles: ['admin'],
      regions: ['KZ'],
    });
    const response = await risk(`Bearer ${forged}`);
    expect(response.statusCode).toBe(401);
  });
});

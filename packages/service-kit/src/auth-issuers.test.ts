import { describe, expect, it } from 'vitest';
import { createIssuersVerifier, verifierFromConfig } from './auth.ts';
import { UnauthorizedError } from './errors.ts';
import { generateSigningKeyPair, mintToken } from './tokens.ts';

const realm = await generateSigningKeyPair();
const dev = await generateSigningKeyPair();
const audience = 'kelisim';
const verify = createIssuersVerifier([
  { issuer: 'https://id.example/realms/kelisim', audience, key: { publicKeyPem: realm.publicKeyPem } },
  { issuer: 'kelisim-dev', audience, key: { publicKeyPem: dev.publicKeyPem } },
]);
const token = (keys: typeof realm, issuer: string) =>
  mintToken({ ...keys, issuer, audience, sub: 'u-1', roles: ['admin'], regions: ['KZ'] });

describe('a service that trusts the realm and, in development, the local key', () => {
  it("accepts each issuer's tokens signed with that issuer's key", async () => {
    await expect(verify(await token(realm, 'https://id.example/realms/kelisim'))).resolves.toMatchObject({
      sub: 'u-1',
    });
    await expect(verify(await token(dev, 'kelisim-dev'))).resolves.toMatchObject({ roles: ['admin'] });
  });

  it("refuses a token that names one issuer and is signed with the other's key", async () => {
    await expect(verify(await token(dev, 'https://id.example/realms/kelisim'))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('refuses a token from an issuer it does not know, and one that is not a JWT', async () => {
    await expect(verify(await token(realm, 'https://elsewhere.example'))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(verify('not.a.jwt')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('trusts the local key only when the configuration names it', async () => {
    const realmOnly = verifierFromConfig({
      JWT_ISSUER: 'https://id.example/realms/kelisim',
      JWT_AUDIENCE: audience,
      JWT_PUBLIC_KEY: realm.publicKeyPem,
      JWKS_URL: undefined,
      DEV_JWT_ISSUER: undefined,
      DEV_JWT_PUBLIC_KEY: undefined,
    });
    await expect(realmOnly(await token(dev, 'kelisim-dev'))).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

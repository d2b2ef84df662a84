// Tokens in tests: one fresh key pair per test file (call once at the top of the file), tokens
// minted for whatever roles and regions a test needs, and the matching auth settings both as
// options for buildHttpApp and as environment variables for a service's parseConfig.
import { type AuthOptions, createTokenVerifier, type TokenVerifier } from '../auth.ts';
import { generateSigningKeyPair, type MintTokenOptions, mintToken, type SigningKeyPair } from '../tokens.ts';

export type TestTokenClaims = Partial<Omit<MintTokenOptions, 'privateKeyPem' | 'kid'>>;

export type TestAuth = {
  keys: SigningKeyPair;
  options: AuthOptions;
  verifier: TokenVerifier;
  env: { JWT_ISSUER: string; JWT_AUDIENCE: string; JWT_PUBLIC_KEY: string };
  /** A token for a mediator of Almaty city unless the claims say otherwise. */
  mint(claims?: TestTokenClaims): Promise<string>;
  /** The headers for `app.inject({ headers })`. */
  headers(claims?: TestTokenClaims): Promise<{ authorization: string }>;
};

export const testIssuer = 'https://id.kelisim.test';
export const testAudience = 'kelisim-api';

export async function createTestAuth(): Promise<TestAuth> {
  const keys = await generateSigningKeyPair();
  const options: AuthOptions = {
    issuer: testIssuer,
    audience: testAudience,
    key: { publicKeyPem: keys.publicKeyPem },
  };
  const mint = (claims: TestTokenClaims = {}) =>
    mintToken({
      sub: 'test-user',
      roles: ['mediator'],
      regions: ['750000000'],
      issuer: testIssuer,
      audience: testAudience,
      ...claims,
      privateKeyPem: keys.privateKeyPem,
      kid: keys.kid,
    });
  return {
    keys,
    options,
    verifier: createTokenVerifier(options),
    env: { JWT_ISSUER: testIssuer, JWT_AUDIENCE: testAudience, JWT_PUBLIC_KEY: keys.publicKeyPem },
    mint,
    headers: async (claims) => ({ authorization: `Bearer ${await mint(claims)}` }),
  };
}

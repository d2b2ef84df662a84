// Signing keys and tokens for development and tests (DESIGN.md §7: "a command-line tool mints
// tokens"). Production tokens come from the identity provider; services only verify (auth.ts).
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  type JWK,
  SignJWT,
} from 'jose';
import { algorithmsForKey } from './auth.ts';

export type SigningKeyPair = {
  /** PKCS#8 PEM: keep it secret. */
  privateKeyPem: string;
  /** SPKI PEM: what services are configured with (`JWT_PUBLIC_KEY`). */
  publicKeyPem: string;
  /** The RFC 7638 thumbprint of the public key, sent as the token's `kid`. */
  kid: string;
};

export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    privateKeyPem: await exportPKCS8(privateKey),
    publicKeyPem: await exportSPKI(publicKey),
    kid: await calculateJwkThumbprint(await exportJWK(publicKey)),
  };
}

/** The public key as a JWKS entry, for tests and dev servers that play the identity provider. */
export async function publicJwkOf(publicKeyPem: string, kid: string): Promise<JWK> {
  const key = createPublicKey(publicKeyPem);
  return { ...(await exportJWK(key)), kid, alg: algorithmsForKey(key)[0], use: 'sig' };
}

export type MintTokenOptions = {
  privateKeyPem: string;
  kid?: string;
  issuer: string;
  audience: string;
  sub: string;
  roles?: readonly Role[];
  /** KATO codes, or `['KZ']` for the whole republic. */
  regions?: readonly string[];
  groups?: readonly string[];
  /** A jose time span (`'1h'`, `'15m'`) or seconds since the epoch. */
  expiresIn?: string | number;
  /** Same forms as expiresIn; lets tests mint a token that is not valid yet. */
  notBefore?: string | number;
  /** Seconds since the epoch; lets tests mint tokens as of another time. */
  issuedAt?: number;
};

export async function mintToken(options: MintTokenOptions): Promise<string> {
  const key = createPrivateKey(options.privateKeyPem);
  const alg = algorithmsForKey(createPublicKey(key))[0]!;
  const jwt = new SignJWT({
    roles: [...(options.roles ?? [])],
    regions: [...(options.regions ?? [])],
    groups: [...(options.groups ?? [])],
  })
    .setProtectedHeader({ alg, typ: 'JWT', ...(options.kid ? { kid: options.kid } : {}) })
    .setSubject(options.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setJti(randomUUID())
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}

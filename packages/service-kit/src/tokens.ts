// Signing keys and tokens for development and tests (DESIGN.md §7: "a command-line tool mints
// tokens"). Production tokens come from the identity provider; services only verify (auth.ts).
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

export type DevKeys = SigningKeyPair & { publicKeyPath: string; created: boolean };

/**
 * The development key pair kept in `dir` (`<repo>/.infra/dev-keys` by default), created on first
 * use. Dev services trust it with JWT_PUBLIC_KEY=<dir>/public.pem; never for production.
 */
export async function loadOrCreateDevKeys(dir: string): Promise<DevKeys> {
  const privatePath = join(dir, 'private.pem');
  const publicKeyPath = join(dir, 'public.pem');
  let privateKeyPem: string;
  let publicKeyPem: string;
  let created = false;
  try {
    privateKeyPem = readFileSync(privatePath, 'utf8');
    publicKeyPem = readFileSync(publicKeyPath, 'utf8');
  } catch {
    ({ privateKeyPem, publicKeyPem } = await generateSigningKeyPair());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(privatePath, privateKeyPem, { mode: 0o600 });
    writeFileSync(publicKeyPath, publicKeyPem);
    created = true;
  }
  const kid = await calculateJwkThumbprint(await exportJWK(createPublicKey(publicKeyPem)));
  return { privateKeyPem, publicKeyPem, kid, publicKeyPath, created };
}

// Keycloak for the few tests that sign in for real (issue 22): a given one (KEYCLOAK_URL), else
// the one infra/local runs (`infra.sh start keycloak`, idempotent; its first start takes a minute
// or two). Only test files that call this pay for it. The realm `kelisim` and its clients come
// from infra/keycloak.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { env } from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export type TestKeycloak = {
  /** The realm's issuer, as its tokens carry it. */
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
  /** An access token for a service account (client credentials, RFC 6749 §4.4). */
  clientCredentialsToken(clientId: string, clientSecret: string): Promise<string>;
};

/** How long the first start may take on two busy cores: fetch, unpack, build, import (infra.sh waits 600 s). */
export const keycloakStartTimeoutMs = 660_000;

export async function startKeycloak(realm = 'kelisim'): Promise<TestKeycloak> {
  let base = env.KEYCLOAK_URL?.replace(/\/+$/, '');
  if (!base) {
    await promisify(execFile)('bash', [resolve(repoRoot, 'infra/local/infra.sh'), 'start', 'keycloak'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: keycloakStartTimeoutMs,
    });
    base = `http://127.0.0.1:${env.KELISIM_KEYCLOAK_PORT ?? '8180'}`;
  }
  const discovery = await fetch(`${base}/realms/${realm}/.well-known/openid-configuration`);
  if (!discovery.ok) throw new Error(`Keycloak at ${base} has no realm ${realm} (${discovery.status})`);
  const { issuer, jwks_uri, token_endpoint } = (await discovery.json()) as Record<string, string>;
  if (!issuer || !jwks_uri || !token_endpoint) throw new Error(`incomplete discovery document at ${base}`);
  return {
    issuer,
    jwksUrl: jwks_uri,
    tokenUrl: token_endpoint,
    async clientCredentialsToken(clientId, clientSecret) {
      const response = await fetch(token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!response.ok || !body.access_token) {
        throw new Error(`client credentials for ${clientId}: ${response.status} ${body.error ?? ''}`);
      }
      return body.access_token;
    },
  };
}

// Brings a running development Keycloak in step with the realm file for the tests that need a
// client or users it may not have yet: infra/local imports the realm only into a new database,
// and a Keycloak already running for everyone is not restarted for one test. Keycloak's own
// partial import adds what is missing and leaves the rest (ifResourceExists SKIP). Development
// and tests only: it signs in as the master realm's bootstrap administrator.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { env } from 'node:process';
import { fileURLToPath } from 'node:url';

const realmFile = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../infra/keycloak/kelisim-realm.json',
);

export type RealmUser = {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  realmRoles?: string[];
  attributes?: Record<string, string[]>;
};

/** `${NAME:default}` placeholders as Keycloak's import resolves them: the environment, else the default. */
function resolvePlaceholders<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\$\{([A-Z0-9_]+):([^}]*)\}/g, (_, name: string, fallback: string) =>
      (env[name] ?? fallback).replace(/["\\]/g, '\\$&'),
    ),
  ) as T;
}

async function adminToken(base: string): Promise<string> {
  const response = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: env.KELISIM_KEYCLOAK_ADMIN ?? 'admin',
      password: env.KELISIM_KEYCLOAK_ADMIN_PASSWORD ?? 'kelisim-dev-admin',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`master admin sign-in: ${response.status}`);
  return body.access_token;
}

async function partialImport(base: string, realm: string, resources: Record<string, unknown>) {
  // Test files import the same users at the same moment: the one that loses the race gets 409
  // and, on a second try, finds them there and skips them.
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${base}/admin/realms/${realm}/partialImport`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await adminToken(base)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ifResourceExists: 'SKIP', ...resources }),
    });
    if (response.ok) return;
    if (response.status !== 409 || attempt === 3)
      throw new Error(`partial import into ${realm}: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

/**
 * Adds the realm file's client `clientId` and its service account (with their roles) to the
 * running realm when they are missing.
 */
export async function ensureRealmClient(base: string, clientId: string, realm = 'kelisim'): Promise<void> {
  const file = JSON.parse(await readFile(realmFile, 'utf8')) as {
    clients: { clientId: string }[];
    users?: { serviceAccountClientId?: string }[];
  };
  const client = file.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`the realm file has no client ${clientId}`);
  const account = file.users?.filter((u) => u.serviceAccountClientId === clientId) ?? [];
  await partialImport(base, realm, resolvePlaceholders({ clients: [client] }));
  if (account.length > 0) await partialImport(base, realm, { users: account });
}

/** Adds these users (fixed ids, enabled, e-mail verified) when the realm has none by that id. */
export async function ensureRealmUsers(base: string, users: RealmUser[], realm = 'kelisim'): Promise<void> {
  await partialImport(base, realm, {
    users: users.map((user) => ({ enabled: true, emailVerified: true, ...user })),
  });
}

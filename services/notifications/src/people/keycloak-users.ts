// Who a group member is: a user of the realm, looked up through Keycloak's admin REST API with the
// service's own service account (client credentials, RFC 6749 §4.4; the client holds only
// realm-management's view-users and query-users). Plain fetch: two GETs and a token request do not
// need the admin client library (docs/adr/0017). Addresses are read when a mail is sent and never
// kept, logged or published.

import { DependencyUnavailableError } from '@kelisim/service-kit/outage';

export type DirectoryUser = { readonly id: string; readonly username: string };

export type UserRef = { readonly userId?: string | undefined; readonly username?: string | undefined };

export type UserDirectory = {
  /** False when no Keycloak is configured: members are then taken by id as given (development). */
  readonly verifies: boolean;
  /** The user an administrator names by id or username; null when the realm has no such user. */
  find(ref: UserRef): Promise<DirectoryUser | null>;
  /** The e-mail address on the user's account; null when they have none or are disabled. */
  emailOf(userId: string): Promise<string | null>;
  /**
   * Display names (first and last name on the account) by user id; users the realm does not have,
   * or whose account carries no name, are left out. Names only: never the address or the phone.
   */
  namesOf(userIds: readonly string[]): Promise<Map<string, string>>;
};

export type KeycloakAdminSettings = {
  /** Keycloak's base URL, e.g. `http://127.0.0.1:8180`. */
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
};

type KeycloakUser = {
  id: string;
  username: string;
  email?: string;
  enabled?: boolean;
  firstName?: string;
  lastName?: string;
};

/** Users looked up at once: enough to be quick, few enough not to crowd Keycloak. */
const lookupsAtOnce = 8;

/** Keycloak did not answer as it should: the request that needed it is answered 503 (kit outage). */
export class UserDirectoryUnavailableError extends DependencyUnavailableError {}

/** fetch, with a network failure or timeout reported as the directory being unavailable. */
async function reach(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new UserDirectoryUnavailableError(`keycloak unreachable at ${new URL(url).origin}`, {
      cause: error,
    });
  }
}

/** Without Keycloak: an id is taken as given, a username cannot be resolved, nobody has an address. */
export function unverifiedUserDirectory(): UserDirectory {
  return {
    verifies: false,
    find: async ({ userId }) => (userId ? { id: userId, username: userId } : null),
    emailOf: async () => null,
    namesOf: async () => new Map(),
  };
}

export function keycloakUserDirectory(settings: KeycloakAdminSettings): UserDirectory {
  const base = settings.url.replace(/\/+$/, '');
  const realm = encodeURIComponent(settings.realm);
  let token: { value: string; until: number } | null = null;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const response = await reach(`${base}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(
          `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`,
        ).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !body.access_token) {
      throw new UserDirectoryUnavailableError(`keycloak token request answered ${response.status}`);
    }
    // Renewed half a minute early, so a token never expires between the check and the call.
    token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 60) - 30) * 1000 };
    return token.value;
  }

  /** GET on the realm's admin API; null on 404. A stale token is renewed once. */
  async function get<T>(path: string, retried = false): Promise<T | null> {
    const response = await reach(`${base}/admin/realms/${realm}${path}`, {
      headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (response.status === 401 && !retried) {
      token = null;
      return get<T>(path, true);
    }
    if (response.status === 404) return null;
    if (!response.ok)
      throw new UserDirectoryUnavailableError(`keycloak admin API answered ${response.status}`);
    return (await response.json()) as T;
  }

  async function byId(userId: string): Promise<KeycloakUser | null> {
    return get<KeycloakUser>(`/users/${encodeURIComponent(userId)}`);
  }

  return {
    verifies: true,
    async find({ userId, username }) {
      let user: KeycloakUser | null | undefined;
      if (userId !== undefined) user = await byId(userId);
      else if (username !== undefined) {
        const query = new URLSearchParams({ username, exact: 'true', briefRepresentation: 'true' });
        const found = await get<KeycloakUser[]>(`/users?${query}`);
        user = found?.find((u) => u.username === username.toLowerCase());
      }
      return user ? { id: user.id, username: user.username } : null;
    },
    async emailOf(userId) {
      const user = await byId(userId);
      return user && user.enabled !== false && user.email ? user.email : null;
    },
    async namesOf(userIds) {
      const names = new Map<string, string>();
      const ids = [...new Set(userIds)];
      for (let start = 0; start < ids.length; start += lookupsAtOnce) {
        const users = await Promise.all(ids.slice(start, start + lookupsAtOnce).map(byId));
        for (const user of users) {
          const name = [user?.firstName, user?.lastName].filter(Boolean).join(' ').trim();
          if (user && name !== '') names.set(user.id, name);
        }
      }
      return names;
    },
  };
}

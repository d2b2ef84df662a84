// How the console signs people in: Keycloak's login page through OpenID Connect
// (openid-connect-provider.ts), or, for trying the console out alone, the development form
// (development-provider.ts). Either way the result is a set of tokens kept in the server-side
// session (session-store.ts); the browser only ever holds the session's id, in an HttpOnly cookie.
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';
import type { DevelopmentProvider } from './development-provider.ts';
import type { OpenIdConnectProvider } from './openid-connect-provider.ts';

/** What a session keeps of a sign-in: the access token the services verify, and how to renew and end it. */
export type SessionTokens = {
  accessToken: string;
  accessExpiresAt: Date;
  /** Absent for development sessions, which cannot be renewed. */
  refreshToken?: string;
  /** Sent back to the provider as `id_token_hint` at sign-out. */
  idToken?: string;
};

/** What the development form submits: who to be, for trying the console out. */
export type DevelopmentIdentity = {
  sub: string;
  roles: Role[];
  regions: string[];
  groups: string[];
};

export type IdentityProvider = DevelopmentProvider | OpenIdConnectProvider;

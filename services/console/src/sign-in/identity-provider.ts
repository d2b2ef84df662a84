// How the console signs people in: Keycloak's login page through OpenID Connect
// (openid-connect-provider.ts), or, for trying the console out alone, the development form
// (development-provider.ts). Either way the result is a set of tokens kept in the server-side
// session (session-store.ts); the browser only ever holds the session's id, in an HttpOnly cookie.
import type { DevelopmentProvider } from './development-provider.ts';
import type { OpenIdConnectProvider } from './openid-connect-provider.ts';

export type IdentityProvider = DevelopmentProvider | OpenIdConnectProvider;

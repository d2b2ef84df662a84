// How the console signs people in, behind one interface so that the development sign-in and an
// OpenID Connect provider are interchangeable (README, "Sign-in"). Either way the result is an
// access token the four services verify; the browser holds it only in an HttpOnly cookie and
// never sees a signing key.
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';

export type AccessToken = { token: string; expiresAt: Date };

/** What the development form submits: who to be, for trying the console out. */
export type DevelopmentIdentity = {
  sub: string;
  roles: Role[];
  regions: string[];
  groups: string[];
};

export interface IdentityProvider {
  readonly kind: 'development' | 'openid-connect';
  /**
   * Where the browser goes to sign in: the console's own form (development) or the provider's
   * authorization endpoint (OpenID Connect: authorization code with PKCE, `state` in a cookie).
   */
  begin(returnTo: string): Promise<{ form: 'development' } | { redirect: string }>;
  /**
   * Completes a sign-in: the form's identity (development) or the provider's callback parameters
   * (OpenID Connect: `code` and `state`, exchanged at the token endpoint).
   */
  finish(input: DevelopmentIdentity | Record<string, string>): Promise<AccessToken>;
}

// What a sign-in leaves in the server-side session, whichever provider made it
// (identity-provider.ts): the tokens the services verify, and the development form's identity.
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';

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

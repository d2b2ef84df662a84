// The one place where a verified token's payload becomes the caller's claims (DESIGN.md §7). The
// realm's mappers (infra/keycloak) put flat `roles`, `regions` and `groups` claims into access
// tokens; Keycloak also lists roles of its own (`default-roles-kelisim`, `offline_access`) when an
// administrator grants them, and without the realm's role mapper the roles are in
// `realm_access.roles`. A role Kelisim does not know grants nothing and is dropped; a territory or
// group that is not well formed makes the whole token invalid.
import { type TokenClaims, tokenClaimsSchema } from '@kelisim/contracts/api/token-claims';
import { roleSchema } from '@kelisim/contracts/reference/people-vocabulary';

/** The Kelisim claims of a verified payload, or null when they are not valid. */
export function claimsOfPayload(payload: Record<string, unknown>): TokenClaims | null {
  const roles = rolesOf(payload);
  const parsed = tokenClaimsSchema.safeParse({ ...payload, roles });
  return parsed.success ? parsed.data : null;
}

function rolesOf(payload: Record<string, unknown>): unknown {
  const listed = payload.roles ?? realmRoles(payload.realm_access);
  if (!Array.isArray(listed)) return listed;
  return listed.filter((role) => roleSchema.safeParse(role).success);
}

function realmRoles(realmAccess: unknown): unknown {
  if (typeof realmAccess !== 'object' || realmAccess === null) return undefined;
  return (realmAccess as { roles?: unknown }).roles;
}

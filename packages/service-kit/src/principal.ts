// Who is calling, as the verified token says (DESIGN.md §7), and the scoping rules every read and
// write applies. Pure: no fastify, no jose, so stores and use cases import it freely.
import type { TokenClaims } from '@kelisim/contracts/api/token-claims';
import { covers, wholeRepublic } from '@kelisim/contracts/reference/kato';
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';
import { ForbiddenError } from './errors.ts';

/** The verified claims of the caller's token (`tokenClaimsSchema` in the contracts). */
export type Principal = {
  readonly [K in keyof TokenClaims]: TokenClaims[K] extends (infer T)[] ? readonly T[] : TokenClaims[K];
};

export function hasRole(principal: Principal, ...wanted: Role[]): boolean {
  return wanted.some((role) => principal.roles.includes(role));
}

/** Throws 403 unless the principal holds at least one of the roles. */
export function requireRole(principal: Principal, ...wanted: Role[]): void {
  if (!hasRole(principal, ...wanted)) {
    throw new ForbiddenError(`This action needs one of the roles: ${wanted.join(', ')}.`);
  }
}

export function isRepublicWide(principal: Principal): boolean {
  return principal.regions.includes(wholeRepublic);
}

/**
 * A MongoDB filter to merge into every query of region-scoped records: `{}` for republic-wide
 * callers, otherwise `{ [field]: { $in: regions } }`. Matches codes exactly, so point it at the
 * field holding codes of the token's level (region codes for region groups).
 */
export function regionScopeFilter(principal: Principal, field = 'region'): Record<string, { $in: string[] }> {
  if (isRepublicWide(principal)) return {};
  return { [field]: { $in: [...principal.regions] } };
}

/** Whether a record in `kato` (region, district or settlement code) is within the caller's territory. */
export function canSeeRegion(principal: Principal, kato: string): boolean {
  return principal.regions.some((territory) => covers(territory, kato));
}

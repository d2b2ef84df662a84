// Who is calling, as the verified token says (DESIGN.md §7), and the scoping rules every read and
// write applies. Pure: no fastify, no jose, so stores and use cases import it freely.
import { z } from 'zod';
import { ForbiddenError } from './errors.ts';

export const roles = ['mediator', 'group_member', 'supervisor', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The `regions` entry that means the whole republic. */
export const republicWide = 'KZ';

// TODO(contracts): take the claims schema and the KATO code from @kelisim/contracts/api once they land.
const katoCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');

export const tokenClaimsSchema = z.object({
  sub: z.string().min(1),
  // Missing lists mean no roles and no territory: the least the token can grant.
  roles: z.array(z.enum(roles)).default([]),
  regions: z.array(z.union([z.literal(republicWide), katoCode])).default([]),
  groups: z.array(z.string().min(1)).default([]),
});

export type Principal = {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly regions: readonly string[];
  readonly groups: readonly string[];
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
  return principal.regions.includes(republicWide);
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

// KATO codes are hierarchical: AB (region) CD (district) EF (rural district) HHH (settlement),
// zeros filling the levels below. A code covers every code that shares its significant prefix.
function significantPrefix(code: string): string {
  for (const length of [2, 4, 6]) {
    if (/^0+$/.test(code.slice(length))) return code.slice(0, length);
  }
  return code;
}

/** Whether a record in `kato` (region, district or settlement code) is within the caller's territory. */
export function canSeeRegion(principal: Principal, kato: string): boolean {
  if (isRepublicWide(principal)) return true;
  return principal.regions.some((scope) => kato.startsWith(significantPrefix(scope)));
}

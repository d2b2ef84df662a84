// Who may see and manage what (DESIGN.md §7): coordinators and admins manage the mediators whose
// covered regions intersect their territory; a mediator reads only their own record, linked by
// the token's `sub` to the mediator's `userId`; everything else answers 404, never 403.
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { canSeeRegion, hasRole, type Principal, regionScopeFilter } from '@kelisim/service-kit/principal';

export function isManager(principal: Principal): boolean {
  return hasRole(principal, 'coordinator', 'admin');
}

type Scoped = { regions: readonly string[]; userId: string };

export function canRead(principal: Principal, record: Scoped): boolean {
  if (record.userId === principal.sub) return true;
  return isManager(principal) && record.regions.some((region) => canSeeRegion(principal, region));
}

export function canManage(principal: Principal, record: { regions: readonly string[] }): boolean {
  return isManager(principal) && record.regions.some((region) => canSeeRegion(principal, region));
}

/** A manager may only give a mediator regions of their own territory. */
export function canAssignRegions(principal: Principal, regions: readonly string[]): boolean {
  return isManager(principal) && regions.every((region) => canSeeRegion(principal, region));
}

/** The filter for lists: a manager's regions (`regions` holds codes), or the caller's own records. */
export function listScope(principal: Principal, userField: string): Record<string, unknown> {
  if (isManager(principal)) return regionScopeFilter(principal, 'regions');
  return { [userField]: principal.sub };
}

export function notFound(what: string): NotFoundError {
  return new NotFoundError(`No ${what} with this id is visible to you.`, { code: `${what}.not_found` });
}

/**
 * A mediator's name, without contacts, is the registry's public face: whoever works in a territory
 * the mediator covers may read it (to pick a mediator for a case, or to see who mediates one).
 */
export function canReadName(principal: Principal, record: Scoped): boolean {
  if (record.userId === principal.sub) return true;
  return (
    principal.roles.length > 0 &&
    record.regions.some((region) => region === wholeRepublic || canSeeRegion(principal, region))
  );
}

// Who sees which group (DESIGN.md §7): administrators every group of their token's territory (all
// of them with the whole republic); a group member the groups they belong to (by membership in the
// directory or the token's `groups` claim) within that territory; coordinators and supervisors
// their audience groups within their territory; a mediator their personal group. Everything else
// answers 404, as if it did not exist.

import { regionsReached } from '@kelisim/contracts/reference/kato';
import { regions } from '@kelisim/contracts/reference/regions';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { canSeeRegion, hasRole, isRepublicWide, type Principal } from '@kelisim/service-kit/principal';
import {
  audienceOf,
  coordinatorsGroupId,
  type Group,
  scopeOf,
  supervisorsGroupId,
} from '../domain/groups.ts';

export function isAdmin(principal: Principal): boolean {
  return hasRole(principal, 'admin');
}

/** Whether the group's territory (its district, its region, or the republic) lies in the token's. */
export function isInTerritory(principal: Principal, group: Pick<Group, 'region' | 'district'>): boolean {
  const scope = scopeOf(group);
  return scope === null ? isRepublicWide(principal) : canSeeRegion(principal, scope);
}

/** The directory query that narrows to the token's regions (`{}` for the whole republic). */
export function territoryQuery(principal: Principal): Record<string, unknown> {
  const regions = regionsReached(principal.regions);
  return regions === 'all' ? {} : { region: { $in: regions } };
}

export function canSeeGroup(principal: Principal, group: Group): boolean {
  if (isAdmin(principal)) return isInTerritory(principal, group);
  const listed = group.members.some((m) => m.userId === principal.sub);
  const audience = audienceOf(group.id);
  // A personal inbox is its owner's, whatever their role or territory.
  if (audience?.kind === 'person') return listed;
  // An audience's inbox is read by the holders of its role in its territory, no group role needed.
  if (audience?.kind === 'role' && hasRole(principal, audience.role) && isInTerritory(principal, group)) {
    return true;
  }
  if (!hasRole(principal, 'group_member')) return false;
  return (principal.groups.includes(group.id) || listed) && isInTerritory(principal, group);
}

/**
 * The directory query for the groups a caller who is not an administrator may see: those the
 * token names, those that list them, and the audience groups of their roles. `canSeeGroup` then
 * checks each one's territory.
 */
export function ownGroupsQuery(principal: Principal): Record<string, unknown> {
  const audiences = [
    ...(hasRole(principal, 'coordinator') ? [{ _id: coordinatorsGroupId }] : []),
    ...(hasRole(principal, 'supervisor')
      ? [{ _id: { $in: supervisedRegions(principal).map(supervisorsGroupId) } }]
      : []),
  ];
  return {
    $or: [{ _id: { $in: [...principal.groups] } }, { 'members.userId': principal.sub }, ...audiences],
  };
}

/** The regions whose supervisors' groups a supervisor's territory reaches. */
function supervisedRegions(principal: Principal): string[] {
  const reached = regionsReached(principal.regions);
  return reached === 'all' ? regions.map((r) => r.kato) : [...reached];
}

export function groupNotFound(id: string): NotFoundError {
  return new NotFoundError(`No group ${id}.`, { code: 'group.not_found' });
}

export function alertNotFound(id: string): NotFoundError {
  return new NotFoundError(`No alert ${id}.`, { code: 'alert.not_found' });
}

/** Administrators only; others get 404 so that the route's resources stay invisible to them. */
export function requireAdmin(principal: Principal, id: string, kind: 'group' | 'rule'): void {
  if (!isAdmin(principal)) {
    throw kind === 'group'
      ? groupNotFound(id)
      : new NotFoundError(`No rule ${id}.`, { code: 'rule.not_found' });
  }
}

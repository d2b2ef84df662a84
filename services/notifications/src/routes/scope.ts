// Who sees which group (DESIGN.md §7): administrators every group of their token's territory (all
// of them with the whole republic); a group member the groups they belong to (by membership in the
// directory or the token's `groups` claim) within that territory. Everything else answers 404, as
// if it did not exist.

import { regionsReached } from '@kelisim/contracts/reference/kato';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { canSeeRegion, hasRole, isRepublicWide, type Principal } from '@kelisim/service-kit/principal';
import { type Group, scopeOf } from '../domain/groups.ts';

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
  if (!hasRole(principal, 'group_member')) return false;
  const member = principal.groups.includes(group.id) || group.members.some((m) => m.userId === principal.sub);
  return member && isInTerritory(principal, group);
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

// Who sees which group (DESIGN.md §7): administrators every group; a group member the groups
// they belong to (by membership in the directory or the token's `groups` claim) within their
// token's territory. Everything else answers 404, as if it did not exist.

import { NotFoundError } from '@kelisim/service-kit/errors';
import { canSeeRegion, hasRole, isRepublicWide, type Principal } from '@kelisim/service-kit/principal';
import { type Group, scopeOf } from '../domain/groups.ts';

export function isAdmin(principal: Principal): boolean {
  return hasRole(principal, 'admin');
}

export function canSeeGroup(principal: Principal, group: Group): boolean {
  if (isAdmin(principal)) return true;
  if (!hasRole(principal, 'group_member')) return false;
  const member = principal.groups.includes(group.id) || group.members.some((m) => m.userId === principal.sub);
  if (!member) return false;
  const scope = scopeOf(group);
  return scope === null ? isRepublicWide(principal) : canSeeRegion(principal, scope);
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

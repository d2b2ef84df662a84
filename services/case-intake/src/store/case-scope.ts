// Who sees which case (DESIGN.md §7), as one type every query takes, so that no query can forget
// it: mediators see the cases they registered or are assigned; group members, supervisors,
// coordinators and admins see the cases of their territory (region or district codes, or `KZ`).
import { isRegionCode } from '@kelisim/contracts/reference/kato';
import { canSeeRegion, hasRole, isRepublicWide, type Principal } from '@kelisim/service-kit/principal';
import type { CaseState } from '../domain/case-types.ts';

/**
 * The cases a principal sees, as alternatives (region, district, registered by, assigned to), each
 * an equality an index answers; `[{}]` is every case, `[]` none. Lists read one query per branch
 * and merge them (the kit's keyset page), since a top-level `$or` is a scan on FerretDB.
 */
export type CaseScope = { readonly branches: readonly Record<string, string>[] };

const territorialRoles = ['group_member', 'supervisor', 'coordinator', 'admin'] as const;

export function caseScopeOf(principal: Principal): CaseScope {
  const branches: Record<string, string>[] = [];
  if (hasRole(principal, ...territorialRoles)) {
    if (isRepublicWide(principal)) return { branches: [{}] };
    for (const code of principal.regions) {
      branches.push(isRegionCode(code) ? { region: code } : { district: code });
    }
  }
  if (hasRole(principal, 'mediator')) {
    branches.push({ registeredBy: principal.sub }, { mediatorUserId: principal.sub });
  }
  return { branches };
}

export function isCaseMediator(principal: Principal, state: CaseState): boolean {
  return (
    hasRole(principal, 'mediator') &&
    (state.registeredBy === principal.sub || state.mediatorUserId === principal.sub)
  );
}

export function canAccessCase(principal: Principal, state: CaseState): boolean {
  if (isCaseMediator(principal, state)) return true;
  return hasRole(principal, ...territorialRoles) && canSeeRegion(principal, state.district);
}

/** Names, contacts and texts: for the case's mediators, its territory's groups and admins. */
export function canSeePersonalData(principal: Principal, state: CaseState): boolean {
  return (
    isCaseMediator(principal, state) ||
    (hasRole(principal, 'group_member', 'admin') && canAccessCase(principal, state))
  );
}

/** Commands: the case's mediators, and group members, coordinators and admins of its territory. */
export function canCommand(principal: Principal, state: CaseState): boolean {
  return (
    isCaseMediator(principal, state) ||
    (hasRole(principal, 'group_member', 'coordinator', 'admin') && canAccessCase(principal, state))
  );
}

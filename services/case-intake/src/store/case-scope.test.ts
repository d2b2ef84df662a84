import type { Principal } from '@kelisim/service-kit/principal';
import { describe, expect, it } from 'vitest';
import { stateOf } from '../domain/case-fixtures.test-support.ts';
import { canAccessCase, canCommand, canSeePersonalData, caseScopeOf } from './case-scope.ts';

const principal = (roles: Principal['roles'], regions: string[], sub = 'u-x'): Principal => ({
  sub,
  roles,
  regions,
  groups: [],
});
// Registered by u-mediator-1 in Almaty city (750000000), district 751310000.
const almatyCase = stateOf([]);

describe('who sees a case', () => {
  it('when a mediator registered the case, they see it and may act on it', () => {
    const mediator = principal(['mediator'], [], 'u-mediator-1');
    expect(canAccessCase(mediator, almatyCase)).toBe(true);
    expect(canCommand(mediator, almatyCase)).toBe(true);
    expect(canSeePersonalData(mediator, almatyCase)).toBe(true);
  });

  it('when a mediator is assigned, they see it; another mediator of the same region does not', () => {
    const assigned = { ...almatyCase, mediatorUserId: 'u-med-9' };
    expect(canAccessCase(principal(['mediator'], ['750000000'], 'u-med-9'), assigned)).toBe(true);
    expect(canAccessCase(principal(['mediator'], ['750000000'], 'u-other'), assigned)).toBe(false);
  });

  it('when a group member’s territory is the region or the district, they see it; another region’s do not', () => {
    expect(canAccessCase(principal(['group_member'], ['750000000']), almatyCase)).toBe(true);
    expect(canAccessCase(principal(['group_member'], ['751310000']), almatyCase)).toBe(true);
    expect(canAccessCase(principal(['group_member'], ['751110000']), almatyCase)).toBe(false);
    expect(canAccessCase(principal(['group_member'], ['710000000']), almatyCase)).toBe(false);
  });

  it('when a supervisor sees the case, they may neither act on it nor read personal data', () => {
    const supervisor = principal(['supervisor'], ['KZ']);
    expect(canAccessCase(supervisor, almatyCase)).toBe(true);
    expect(canCommand(supervisor, almatyCase)).toBe(false);
    expect(canSeePersonalData(supervisor, almatyCase)).toBe(false);
  });

  it('lists by the same rules: territory clauses, own cases, and nothing for a token without either', () => {
    expect(caseScopeOf(principal(['admin'], ['KZ'])).branches).toEqual([{}]);
    expect(
      caseScopeOf(principal(['group_member', 'mediator'], ['750000000', '711110000'], 'u-1')).branches,
    ).toEqual([
      { region: '750000000' },
      { district: '711110000' },
      { registeredBy: 'u-1' },
      { mediatorUserId: 'u-1' },
    ]);
    expect(caseScopeOf(principal([], ['750000000'])).branches).toEqual([]);
  });
});

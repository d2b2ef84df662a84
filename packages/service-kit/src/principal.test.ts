import { describe, expect, it } from 'vitest';
import { ForbiddenError } from './errors.ts';
import { canSeeRegion, isRepublicWide, type Principal, regionScopeFilter, requireRole } from './principal.ts';

const almatyMediator: Principal = { sub: 'm-1', roles: ['mediator'], regions: ['750000000'], groups: [] };
const republicSupervisor: Principal = { sub: 's-1', roles: ['supervisor'], regions: ['KZ'], groups: [] };
const abaiDistrictMember: Principal = {
  sub: 'g-1',
  roles: ['group_member'],
  regions: ['101600000'],
  groups: [],
};

describe('roles', () => {
  it('lets a principal with one of the roles through and refuses the others with 403', () => {
    expect(() => requireRole(almatyMediator, 'mediator', 'admin')).not.toThrow();
    expect(() => requireRole(almatyMediator, 'coordinator')).toThrow(ForbiddenError);
  });
});

describe('regional scope', () => {
  it('filters nothing for a republic-wide caller', () => {
    expect(isRepublicWide(republicSupervisor)).toBe(true);
    expect(regionScopeFilter(republicSupervisor)).toEqual({});
  });

  it('filters by the caller’s regions on the field given', () => {
    expect(isRepublicWide(almatyMediator)).toBe(false);
    expect(regionScopeFilter(almatyMediator)).toEqual({ region: { $in: ['750000000'] } });
    expect(regionScopeFilter(almatyMediator, 'scope.region')).toEqual({
      'scope.region': { $in: ['750000000'] },
    });
  });

  it('sees a region, its districts and settlements, and nothing of other regions', () => {
    expect(canSeeRegion(almatyMediator, '750000000')).toBe(true);
    expect(canSeeRegion(almatyMediator, '751110000')).toBe(true);
    expect(canSeeRegion(almatyMediator, '710000000')).toBe(false);
    expect(canSeeRegion(republicSupervisor, '710000000')).toBe(true);
  });

  it('keeps a district group inside its district, even where region codes share a first digit', () => {
    expect(canSeeRegion(abaiDistrictMember, '101630100')).toBe(true);
    expect(canSeeRegion(abaiDistrictMember, '101800000')).toBe(false);
    expect(canSeeRegion(abaiDistrictMember, '100000000')).toBe(false);
    const abai: Principal = { ...abaiDistrictMember, regions: ['100000000'] };
    expect(canSeeRegion(abai, '111000000')).toBe(false); // Akmola, not Abai
  });
});

import { describe, expect, it } from 'vitest';
import {
  coordinatorsGroup,
  districtGroup,
  mediatorGroup,
  regionGroup,
  republicanGroup,
  supervisorsGroup,
} from '../domain/groups.ts';
import { canSeeGroup } from './scope.ts';

const names = { en: 'x', kk: 'x', ru: 'x' };
const almaty = regionGroup({ kato: '750000000', names });
const auezov = {
  ...districtGroup({ kato: '751310000', regionKato: '750000000', names }),
  members: [{ userId: 'd-1', language: 'kk' as const, inbox: true, email: false, webhook: null }],
};
const who = (sub: string, roles: string[], regions: string[], groups: string[] = []) =>
  ({ sub, roles, regions, groups }) as Parameters<typeof canSeeGroup>[0];

describe('who sees a group', () => {
  it('an administrator sees every group of their territory, and only those', () => {
    expect(canSeeGroup(who('a', ['admin'], ['KZ']), republicanGroup())).toBe(true);
    expect(canSeeGroup(who('a', ['admin'], ['KZ']), auezov)).toBe(true);
    expect(canSeeGroup(who('a', ['admin'], ['750000000']), almaty)).toBe(true);
    expect(canSeeGroup(who('a', ['admin'], ['750000000']), auezov)).toBe(true);
    expect(canSeeGroup(who('a', ['admin'], ['710000000']), auezov)).toBe(false);
    expect(canSeeGroup(who('a', ['admin'], ['750000000']), republicanGroup())).toBe(false);
  });

  it('a member sees their group inside their territory, by directory membership or token claim', () => {
    expect(canSeeGroup(who('d-1', ['group_member'], ['750000000']), auezov)).toBe(true);
    expect(canSeeGroup(who('x', ['group_member'], ['750000000'], [almaty.id]), almaty)).toBe(true);
  });

  it('membership outside the token’s territory, or without the role, shows nothing', () => {
    expect(canSeeGroup(who('d-1', ['group_member'], ['710000000']), auezov)).toBe(false);
    expect(canSeeGroup(who('d-1', ['mediator'], ['750000000']), auezov)).toBe(false);
    expect(canSeeGroup(who('x', ['group_member'], ['750000000']), almaty)).toBe(false);
  });

  it('the republican group is seen only by members with the whole republic', () => {
    const republic = republicanGroup();
    expect(canSeeGroup(who('k', ['group_member'], ['KZ'], [republic.id]), republic)).toBe(true);
    expect(canSeeGroup(who('k', ['group_member'], ['750000000'], [republic.id]), republic)).toBe(false);
  });

  it('coordinators read the coordinators’ inbox without the group-member role; mediators do not', () => {
    const coordinators = coordinatorsGroup();
    expect(canSeeGroup(who('c', ['coordinator'], ['KZ']), coordinators)).toBe(true);
    expect(canSeeGroup(who('c', ['coordinator'], ['750000000']), coordinators)).toBe(false);
    expect(canSeeGroup(who('m', ['mediator'], ['KZ']), coordinators)).toBe(false);
  });

  it('a region’s supervisors read its supervisors’ inbox; another region’s supervisor gets nothing', () => {
    const supervisors = supervisorsGroup({ kato: '750000000', names });
    expect(canSeeGroup(who('s', ['supervisor'], ['750000000']), supervisors)).toBe(true);
    expect(canSeeGroup(who('s', ['supervisor'], ['KZ']), supervisors)).toBe(true);
    expect(canSeeGroup(who('s', ['supervisor'], ['710000000']), supervisors)).toBe(false);
    expect(canSeeGroup(who('g', ['group_member'], ['750000000']), supervisors)).toBe(false);
  });

  it('a mediator’s personal inbox is theirs alone, whatever their territory', () => {
    const own = mediatorGroup({
      mediatorId: 'med-1',
      userId: 'u-med',
      homeRegion: '750000000',
      languages: ['ru'],
    });
    expect(canSeeGroup(who('u-med', ['mediator'], ['710000000']), own)).toBe(true);
    expect(canSeeGroup(who('u-other', ['mediator'], ['750000000']), own)).toBe(false);
    expect(canSeeGroup(who('s', ['supervisor'], ['750000000']), own)).toBe(false);
  });
});

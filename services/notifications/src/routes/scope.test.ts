import { describe, expect, it } from 'vitest';
import { districtGroup, regionGroup, republicanGroup } from '../domain/groups.ts';
import { canSeeGroup } from './scope.ts';

const names = { en: 'x', kk: 'x', ru: 'x' };
const almaty = regionGroup({ kato: '750000000', names });
const auezov = {
  ...districtGroup({ kato: '751310000', regionKato: '750000000', names }),
  members: [{ userId: 'd-1', language: 'kk' as const, inbox: true, email: null, webhook: null }],
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
});

import { describe, expect, it } from 'vitest';
import { districtGroup, type Group, regionGroup, republicanGroup } from './groups.ts';
import { defaultRules, type EventFacts, matchingRules, targetGroups } from './rules.ts';

// DESIGN.md §5: a case escalated to level 1 alerts the district group, 2 the regional group,
// 3 the republican group; urgency found critical at screening alerts like a critical registration.
const names = { en: 'x', kk: 'x', ru: 'x' };
const region = regionGroup({ kato: '190000000', names });
const district = districtGroup({ kato: '193200000', regionKato: '190000000', names });
const directoryOf = (...groups: Group[]) => new Map(groups.map((g) => [g.id, g]));
const everyone = directoryOf(region, district, republicanGroup());
const escalatedTo = (escalationLevel: number): EventFacts => ({
  severity: 'high',
  region: '190000000',
  district: '193200000',
  escalationLevel,
});
const targetsOf = (type: string, facts: EventFacts, directory = everyone) =>
  targetGroups(matchingRules(defaultRules, type, facts), facts, directory).map((g) => g.id);

describe('routing a case by its escalation level', () => {
  it('level 1 alerts the district group only', () => {
    expect(targetsOf('case.escalated.v1', escalatedTo(1))).toEqual([district.id]);
  });

  it('level 1 alerts the region group when the district has none', () => {
    expect(targetsOf('case.escalated.v1', escalatedTo(1), directoryOf(region))).toEqual([region.id]);
  });

  it('level 2 alerts the regional group only', () => {
    expect(targetsOf('case.escalated.v1', escalatedTo(2))).toEqual([region.id]);
  });

  it('level 3 reaches the republican group', () => {
    expect(targetsOf('case.escalated.v1', escalatedTo(3))).toEqual(['grp-kz']);
  });

  it('a case screened critical alerts the district and region groups, like a critical registration', () => {
    const critical = { ...escalatedTo(0), severity: 'critical' as const };
    expect(targetsOf('case.screened.v1', critical)).toEqual([district.id, region.id]);
    expect(targetsOf('case.registered.v1', critical)).toEqual([district.id, region.id]);
  });

  it('a case screened below critical alerts nobody', () => {
    expect(targetsOf('case.screened.v1', { ...escalatedTo(0), severity: 'high' })).toEqual([]);
  });
});

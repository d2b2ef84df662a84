import { describe, expect, it } from 'vitest';
import {
  coordinatorsGroup,
  districtGroup,
  type Group,
  mediatorGroup,
  regionGroup,
  republicanGroup,
  supervisorsGroup,
} from './groups.ts';
import { defaultRules, type EventFacts, matchingRules, targetGroups } from './rules.ts';

const names = { en: 'x', kk: 'x', ru: 'x' };
const almatyRegion = regionGroup({ kato: '190000000', names });
const district = districtGroup({ kato: '193200000', regionKato: '190000000', names });
const directoryOf = (...groups: Group[]) => new Map(groups.map((g) => [g.id, g]));
const caseFacts = (severity: EventFacts['severity']): EventFacts => ({
  severity,
  region: '190000000',
  district: '193200000',
});

describe('rule matching', () => {
  it('a critical case registration alerts the district group and the region group', () => {
    const rules = matchingRules(defaultRules, 'case.registered.v1', caseFacts('critical'));
    const groups = targetGroups(
      rules,
      caseFacts('critical'),
      directoryOf(almatyRegion, district, republicanGroup()),
    );
    expect(groups.map((g) => g.id)).toEqual([district.id, almatyRegion.id]);
  });

  it('a high-urgency registration is below the rule’s minimum and alerts nobody', () => {
    expect(matchingRules(defaultRules, 'case.registered.v1', caseFacts('high'))).toEqual([]);
  });

  it('without a district group, a case escalated to level 1 goes to the region group only', () => {
    const facts = { ...caseFacts('high'), escalationLevel: 1 };
    const rules = matchingRules(defaultRules, 'case.escalated.v1', facts);
    expect(targetGroups(rules, facts, directoryOf(almatyRegion)).map((g) => g.id)).toEqual([almatyRegion.id]);
  });

  it('a follow-up due goes to the district group if it exists, else to the region group, never both', () => {
    const rules = matchingRules(defaultRules, 'case.follow-up-due.v1', caseFacts('medium'));
    expect(
      targetGroups(rules, caseFacts('medium'), directoryOf(almatyRegion, district)).map((g) => g.id),
    ).toEqual([district.id]);
    expect(targetGroups(rules, caseFacts('medium'), directoryOf(almatyRegion)).map((g) => g.id)).toEqual([
      almatyRegion.id,
    ]);
  });

  it('a region’s risk rising to high alerts the region group and the republican group', () => {
    const facts: EventFacts = { severity: 'high', region: '190000000', district: null };
    const rules = matchingRules(defaultRules, 'region.risk-changed.v1', facts);
    expect(targetGroups(rules, facts, directoryOf(almatyRegion, republicanGroup())).map((g) => g.id)).toEqual(
      [almatyRegion.id, 'grp-kz'],
    );
  });

  it('an expiring certification alerts the groups of every region the mediator covers', () => {
    const astana = regionGroup({ kato: '710000000', names });
    const facts: EventFacts = {
      severity: 'low',
      region: '190000000',
      district: null,
      mediatorRegions: ['190000000', '710000000'],
    };
    const rules = matchingRules(defaultRules, 'certification.expiring.v1', facts);
    expect(
      targetGroups(rules, facts, directoryOf(almatyRegion, astana, coordinatorsGroup())).map((g) => g.id),
    ).toEqual([almatyRegion.id, astana.id, 'grp-coordinators']);
  });

  it('an expired certification alerts the mediator’s region groups and the coordinators, not the republic', () => {
    const facts: EventFacts = {
      severity: 'high',
      region: '190000000',
      district: null,
      mediatorRegions: ['190000000'],
    };
    const rules = matchingRules(defaultRules, 'certification.expired.v1', facts);
    const directory = directoryOf(almatyRegion, republicanGroup(), coordinatorsGroup());
    expect(targetGroups(rules, facts, directory).map((g) => g.id)).toEqual([
      almatyRegion.id,
      'grp-coordinators',
    ]);
  });

  it('an overdue recommendation alerts its owner group, and a disabled rule alerts nobody', () => {
    const owner = { ...almatyRegion, id: 'grp-owner' };
    const facts: EventFacts = {
      severity: 'medium',
      region: '190000000',
      district: null,
      ownerGroupId: 'grp-owner',
    };
    const rules = matchingRules(defaultRules, 'recommendation.overdue.v1', facts);
    expect(targetGroups(rules, facts, directoryOf(owner, almatyRegion)).map((g) => g.id)).toEqual([
      'grp-owner',
    ]);
    // An owner the directory does not know: the recommendation's territory hears of it instead.
    expect(targetGroups(rules, facts, directoryOf(almatyRegion)).map((g) => g.id)).toEqual([almatyRegion.id]);
    const disabled = defaultRules.map((r) => ({ ...r, enabled: false }));
    expect(matchingRules(disabled, 'recommendation.overdue.v1', facts)).toEqual([]);
  });

  it('a region’s risk rising reaches that region’s supervisors, and no other region’s', () => {
    const facts: EventFacts = { severity: 'high', region: '190000000', district: null };
    const rules = matchingRules(defaultRules, 'region.risk-changed.v1', facts);
    const almatySupervisors = supervisorsGroup({ kato: '190000000', names });
    const astanaSupervisors = supervisorsGroup({ kato: '710000000', names });
    const directory = directoryOf(almatyRegion, republicanGroup(), almatySupervisors, astanaSupervisors);
    expect(targetGroups(rules, facts, directory).map((g) => g.id)).toEqual([
      almatyRegion.id,
      'grp-kz',
      'grp-supervisors-190000000',
    ]);
  });

  it('a certificate nearing its end reaches the mediator personally as well as the coordinators', () => {
    const own = mediatorGroup({
      mediatorId: 'med-1',
      userId: 'user-1',
      homeRegion: '190000000',
      languages: ['kk'],
    });
    const facts: EventFacts = {
      severity: 'low',
      region: '190000000',
      district: null,
      mediatorRegions: ['190000000'],
      mediatorId: 'med-1',
    };
    const rules = matchingRules(defaultRules, 'certification.expiring.v1', facts);
    const groups = targetGroups(rules, facts, directoryOf(almatyRegion, coordinatorsGroup(), own));
    expect(groups.map((g) => g.id)).toEqual([almatyRegion.id, 'grp-coordinators', 'grp-mediator-med-1']);
    expect(own.members).toEqual([
      { userId: 'user-1', language: 'kk', inbox: true, email: true, webhook: null },
    ]);
    expect(own.parentId).toBeNull();
  });
});

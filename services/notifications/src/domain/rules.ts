// Subscription rules: which event types, from which severity, raise an alert to which groups.
// Targets are named relative to the event (its district, its region, the republic, the owner
// group a recommendation names, the regions a mediator covers) and resolved against the
// directory, so that one rule serves every territory.
import type { AlertSeverity, AlertTargetKind } from '@kelisim/contracts/reference/alert-vocabulary';
import {
  coordinatorsGroupId,
  districtGroupId,
  type Group,
  mediatorGroupId,
  regionGroupId,
  republicanGroupId,
  supervisorsGroupId,
} from './groups.ts';
import { atLeast } from './severity.ts';

export type Rule = {
  readonly id: string;
  readonly eventType: string;
  readonly minSeverity: AlertSeverity;
  readonly targets: readonly AlertTargetKind[];
  readonly enabled: boolean;
};

/** What the rules need to know of an event, extracted by its handler (events/). */
export type EventFacts = {
  readonly severity: AlertSeverity;
  readonly region: string;
  readonly district: string | null;
  readonly ownerGroupId?: string | null;
  readonly mediatorRegions?: readonly string[];
  /** The mediator a certification event is about: their personal group. */
  readonly mediatorId?: string | null;
  /** A case event's escalation level (0 local, 1 district, 2 region, 3 republic). */
  readonly escalationLevel?: number;
};

export const defaultRules: readonly Rule[] = [
  {
    id: 'critical-case',
    eventType: 'case.registered.v1',
    minSeverity: 'critical',
    targets: ['district', 'region'],
    enabled: true,
  },
  {
    id: 'escalated-case',
    eventType: 'case.escalated.v1',
    minSeverity: 'low',
    targets: ['case_level'],
    enabled: true,
  },
  {
    id: 'critical-screening',
    eventType: 'case.screened.v1',
    minSeverity: 'critical',
    targets: ['district', 'region'],
    enabled: true,
  },
  {
    id: 'region-risk-rising',
    eventType: 'region.risk-changed.v1',
    minSeverity: 'high',
    targets: ['region', 'republic', 'supervisors'],
    enabled: true,
  },
  {
    id: 'recommendation-overdue',
    eventType: 'recommendation.overdue.v1',
    minSeverity: 'low',
    targets: ['owner'],
    enabled: true,
  },
  {
    id: 'follow-up-overdue',
    eventType: 'case.follow-up-due.v1',
    minSeverity: 'low',
    targets: ['district_or_region'],
    enabled: true,
  },
  {
    id: 'certification-expiring',
    eventType: 'certification.expiring.v1',
    minSeverity: 'low',
    targets: ['mediator_regions', 'coordinators', 'mediator'],
    enabled: true,
  },
  {
    id: 'certification-expired',
    eventType: 'certification.expired.v1',
    minSeverity: 'low',
    targets: ['mediator_regions', 'coordinators', 'mediator'],
    enabled: true,
  },
];

/** The enabled rules for this event type whose minimum severity the event reaches. */
export function matchingRules(rules: readonly Rule[], eventType: string, facts: EventFacts): Rule[] {
  return rules.filter(
    (rule) => rule.enabled && rule.eventType === eventType && atLeast(facts.severity, rule.minSeverity),
  );
}

/** The group ids a target may name, before the directory says which exist. */
export function candidateGroupIds(kind: AlertTargetKind, facts: EventFacts): string[] {
  switch (kind) {
    case 'district':
      return facts.district ? [districtGroupId(facts.district)] : [];
    case 'district_or_region':
      return [...(facts.district ? [districtGroupId(facts.district)] : []), regionGroupId(facts.region)];
    case 'case_level':
      return caseLevelGroupIds(facts);
    case 'region':
      return [regionGroupId(facts.region)];
    case 'republic':
      return [republicanGroupId];
    case 'owner':
      return [
        ...(facts.ownerGroupId ? [facts.ownerGroupId] : []),
        ...(facts.district ? [districtGroupId(facts.district)] : []),
        regionGroupId(facts.region),
      ];
    case 'mediator_regions':
      return (facts.mediatorRegions?.length ? facts.mediatorRegions : [facts.region]).map(regionGroupId);
    case 'coordinators':
      return [coordinatorsGroupId];
    case 'supervisors':
      return [supervisorsGroupId(facts.region)];
    case 'mediator':
      return facts.mediatorId ? [mediatorGroupId(facts.mediatorId)] : [];
  }
}

/** Level 1: the district group, else the region's; level 2: the region's; 3: the republic's. */
function caseLevelGroupIds(facts: EventFacts): string[] {
  switch (facts.escalationLevel) {
    case 1:
      return [...(facts.district ? [districtGroupId(facts.district)] : []), regionGroupId(facts.region)];
    case 2:
      return [regionGroupId(facts.region)];
    case 3:
      return [republicanGroupId];
    default:
      return [];
  }
}

/**
 * The groups an event alerts, each once, in a stable order. `directory` holds the existing
 * groups among the candidates; a target whose group does not exist is skipped.
 */
export function targetGroups(
  rules: readonly Rule[],
  facts: EventFacts,
  directory: ReadonlyMap<string, Group>,
): Group[] {
  const chosen = new Map<string, Group>();
  for (const rule of rules) {
    for (const kind of rule.targets) {
      const existing = candidateGroupIds(kind, facts).filter((id) => directory.has(id));
      const firstOnly = kind === 'district_or_region' || kind === 'owner' || kind === 'case_level';
      const picked = firstOnly ? existing.slice(0, 1) : existing;
      for (const id of picked) chosen.set(id, directory.get(id)!);
    }
  }
  return [...chosen.values()];
}

/** Every group id any of these rules could name for the event: what the store should load. */
export function allCandidateIds(rules: readonly Rule[], facts: EventFacts): string[] {
  return [
    ...new Set(rules.flatMap((rule) => rule.targets.flatMap((kind) => candidateGroupIds(kind, facts)))),
  ];
}

// The use case every alerting handler shares: apply the rules to the event's facts, resolve the
// target groups in the directory, and apply the event to each group's alert about its matter:
// raised when the group has none open, updated otherwise (apply-to-matter.ts). The matter's open
// alerts in other groups (a district's alert after the case went to the region) hear of it too,
// without a new alert being raised for them. Idempotent: a redelivered event changes nothing.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { newEventId } from '@kelisim/contracts/envelope';
import { inSpan } from '@kelisim/service-kit/trace-context';
import type { Dispatcher } from '../delivery/dispatcher.ts';
import type { AlertDetails, Occurrence } from '../domain/alert.ts';
import { matterKeyOf, matterOfEvent } from '../domain/matter.ts';
import { allCandidateIds, type EventFacts, matchingRules, targetGroups } from '../domain/rules.ts';
import type { AckDeadlines } from '../domain/severity.ts';
import type { AlertsStore } from '../store/alerts-store.ts';
import type { GroupsStore } from '../store/groups-store.ts';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';
import type { RulesStore } from '../store/rules-store.ts';
import { applyToGroup } from './apply-to-matter.ts';

export type AlertingDeps = {
  rules: RulesStore;
  groups: GroupsStore;
  mediators: MediatorRegionsStore;
  dispatcher: Dispatcher;
  alerts: AlertsStore;
  deadlines: AckDeadlines;
  /** Called after a commit: wakes the relay. */
  committed: () => void;
  clock: () => Date;
};

/** Returns the number of alerts newly raised; one span of the event's trace. */
export function raiseAlerts(
  event: EventEnvelope,
  facts: EventFacts,
  details: AlertDetails,
  deps: AlertingDeps,
): Promise<number> {
  return inSpan('raise alerts', { 'kelisim.event.type': event.type }, async (span) => {
    const rules = matchingRules(await deps.rules.forEventType(event.type), event.type, facts);
    if (rules.length === 0) return 0;
    const directory = await deps.groups.getMany(allCandidateIds(rules, facts));
    const matter = matterOfEvent(event.type, event.subject);
    const occurrence: Occurrence = {
      key: event.id,
      occurredAt: new Date(event.time),
      severity: facts.severity,
      region: facts.region,
      district: facts.district,
      source: { eventId: event.id, type: event.type, subject: event.subject },
      details,
      ...(facts.escalationLevel === undefined ? {} : { escalationLevel: facts.escalationLevel }),
    };
    const ctx = {
      now: deps.clock(),
      newId: newEventId,
      correlationId: event.correlationid,
      causationId: event.id,
      actor: 'system:alerting',
    };
    let raised = 0;
    const targets = targetGroups(rules, facts, directory);
    for (const group of targets) {
      const applied = await applyToGroup(group, matter, occurrence, ctx, deps);
      if (applied.outcome === 'raised') raised += 1;
    }
    const targeted = new Set(targets.map((group) => group.id));
    for (const open of await deps.alerts.openOfMatter(matterKeyOf(matter))) {
      if (targeted.has(open.groupId)) continue;
      const group = await deps.groups.get(open.groupId);
      if (group) await applyToGroup(group, matter, occurrence, ctx, deps, { raise: false });
    }
    span.setAttribute('kelisim.alerts.raised', raised);
    return raised;
  });
}

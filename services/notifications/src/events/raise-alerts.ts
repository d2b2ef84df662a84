// The use case every alerting handler shares: apply the rules to the event's facts, resolve the
// target groups in the directory, and raise one alert per group. Idempotent: alert ids derive from
// (source event, group), so a redelivered event raises nothing new.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { newEventId } from '@kelisim/contracts/envelope';
import type { Dispatcher } from '../delivery/dispatcher.ts';
import { type AlertDetails, raiseAlert } from '../domain/alert.ts';
import { allCandidateIds, type EventFacts, matchingRules, targetGroups } from '../domain/rules.ts';
import type { AckDeadlines } from '../domain/severity.ts';
import type { AlertsStore } from '../store/alerts-store.ts';
import type { GroupsStore } from '../store/groups-store.ts';
import type { MediatorRegionsStore } from '../store/mediator-regions-store.ts';
import type { RulesStore } from '../store/rules-store.ts';

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

/** Returns the number of alerts newly raised. */
export async function raiseAlerts(
  event: EventEnvelope,
  facts: EventFacts,
  details: AlertDetails,
  deps: AlertingDeps,
): Promise<number> {
  const rules = matchingRules(await deps.rules.forEventType(event.type), event.type, facts);
  if (rules.length === 0) return 0;
  const directory = await deps.groups.getMany(allCandidateIds(rules, facts));
  let raised = 0;
  for (const group of targetGroups(rules, facts, directory)) {
    const decision = raiseAlert(
      {
        group,
        severity: facts.severity,
        region: facts.region,
        district: facts.district,
        source: { eventId: event.id, type: event.type, subject: event.subject },
        details,
      },
      deps.deadlines,
      {
        now: deps.clock(),
        newId: newEventId,
        correlationId: event.correlationid,
        causationId: event.id,
        actor: 'system:alerting',
      },
    );
    if (await deps.dispatcher.raise(decision, group)) raised += 1;
  }
  return raised;
}

// The escalation sweep (DESIGN.md flow 1): alerts past their acknowledgement deadline and not
// acknowledged go to the parent group's alert for the same matter, joining it or raising it, once
// per alert and severity. Safe on several instances: a lease picks one instance per alert, the
// escalation is an occurrence keyed by (alert, severity) that the parent's alert applies once
// (events/apply-to-matter.ts), and the child's commit at its loaded version lets only one
// `alert.escalated` through. A resolved matter's alerts are resolved, so nothing of it escalates.
import { newEventId } from '@kelisim/contracts/envelope';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { Logger } from 'pino';
import type { Dispatcher } from '../delivery/dispatcher.ts';
import { escalationOccurrence, isDueForEscalation, markEscalated } from '../domain/escalation.ts';
import type { AckDeadlines } from '../domain/severity.ts';
import { applyToGroup } from '../events/apply-to-matter.ts';
import { alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { AlertsStore, StoredAlert } from '../store/alerts-store.ts';
import type { GroupsStore } from '../store/groups-store.ts';

export type EscalationDeps = {
  alerts: AlertsStore;
  groups: GroupsStore;
  dispatcher: Dispatcher;
  deadlines: AckDeadlines;
  logger: Logger;
  committed: () => void;
  clock: () => Date;
};

const leaseMs = 60_000;

/** One pass; returns the number of alerts this instance escalated. */
export async function sweepEscalations(deps: EscalationDeps, batch = 100): Promise<number> {
  const now = deps.clock();
  let escalated = 0;
  for (const candidate of await deps.alerts.pastDeadline(now, batch)) {
    if (await deps.alerts.isChainAcknowledged(candidate.chainId, candidate.severity)) continue;
    if (!(await deps.alerts.claimEscalation(candidate.alertId, now, leaseMs))) continue;
    try {
      if (await escalate(candidate, now, deps)) escalated += 1;
    } catch (error) {
      deps.logger.error(
        { err: error, alertId: candidate.alertId },
        'escalation failed; retried after the lease',
      );
    }
  }
  return escalated;
}

async function escalate(candidate: StoredAlert, now: Date, deps: EscalationDeps): Promise<boolean> {
  const group = await deps.groups.get(candidate.groupId);
  const parent = group?.parentId ? await deps.groups.get(group.parentId) : null;
  if (!parent) {
    deps.logger.warn(
      { alertId: candidate.alertId, groupId: candidate.groupId },
      'no parent group to escalate to',
    );
    return false;
  }
  // The candidate came from a query; an acknowledgement may have landed since.
  const fresh = await deps.alerts.get(candidate.alertId);
  if (!fresh || !isDueForEscalation(fresh, now, false)) return false;
  const ctx: DecisionContext = {
    now,
    newId: newEventId,
    correlationId: candidate.chainId,
    causationId: candidate.alertId,
    actor: 'system:escalation-sweep',
  };
  // The parent's alert first: if we crash before marking the child, the retry finds it applied.
  const applied = await applyToGroup(parent, fresh.matter, escalationOccurrence(fresh), ctx, deps);
  // Ignored (the parent's alert about the matter was resolved as the matter ended): the child is
  // marked all the same, so the sweep does not come back to it.
  if (!applied.alert) return false;
  const toAlert = { alertId: applied.alert.alertId, groupId: parent.id, groupLevel: parent.level };
  let marked = false;
  await alertRunner(deps.alerts, deps.committed).run({
    id: candidate.alertId,
    now,
    decide: (state) => {
      // Re-checked on the state being committed to (a conflict retries with a fresher one).
      marked = isDueForEscalation(state, now, false);
      return orUnchanged(state, marked ? markEscalated(state, toAlert, ctx) : null);
    },
  });
  if (marked) {
    deps.logger.info(
      { alertId: candidate.alertId, toAlertId: toAlert.alertId, toGroupId: parent.id },
      'alert escalated',
    );
  }
  return marked;
}

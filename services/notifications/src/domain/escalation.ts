// Escalation (DESIGN.md §5, flow 1): an alert nobody acknowledged by its deadline goes to the
// parent group's alert for the same matter (district → region → republic), joining it when the
// parent has one open and raising it otherwise, once per alert and severity (a rise in severity
// sets a new deadline and may escalate again). An acknowledgement anywhere in the chain, at the
// alert's severity or above, stops it.
import { buildEvent } from '@kelisim/contracts/events/catalogue';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { AlertState, Decision, Occurrence } from './alert.ts';
import { meta } from './alert.ts';

/** Whether the alert is due to escalate at `now`; `chainAcknowledged` when any link was acknowledged. */
export function isDueForEscalation(state: AlertState, now: Date, chainAcknowledged: boolean): boolean {
  return (
    !chainAcknowledged &&
    (state.status === 'raised' || state.status === 'delivered' || state.status === 'read') &&
    state.escalatedAt === null &&
    state.groupLevel !== 'republican' &&
    state.acknowledgeBy.getTime() <= now.getTime()
  );
}

/** The alert's escalation as an occurrence for the parent group: once per alert and severity. */
export function escalationOccurrence(state: AlertState): Occurrence {
  return {
    key: `escalation:${state.alertId}:${state.severity}`,
    occurredAt: state.occurredAt,
    severity: state.severity,
    region: state.region,
    district: state.district,
    source: { eventId: state.sourceEventId, type: state.sourceType, subject: state.sourceSubject },
    details: state.details,
    escalation: {
      chainId: state.chainId,
      escalationLevel: state.escalationLevel + 1,
      fromGroupId: state.groupId,
    },
  };
}

/**
 * Marks the alert escalated to the parent's alert for the same matter, which it joined or raised.
 */
export function markEscalated(
  state: AlertState,
  toAlert: Pick<AlertState, 'alertId' | 'groupId' | 'groupLevel'>,
  ctx: DecisionContext,
): Decision {
  const next: AlertState = {
    ...state,
    escalatedAt: ctx.now,
    escalatedToAlertId: toAlert.alertId,
    updatedAt: ctx.now,
    timeline: [
      ...state.timeline,
      {
        at: ctx.now,
        what: 'escalated',
        sourceType: 'alert.escalated.v1',
        severity: state.severity,
        escalationLevel: state.escalationLevel,
        code: toAlert.groupId,
        details: {},
      },
    ],
  };
  const event = buildEvent(
    'alert.escalated.v1',
    {
      alertId: state.alertId,
      chainId: state.chainId,
      groupId: state.groupId,
      toGroupId: toAlert.groupId,
      toGroupLevel: toAlert.groupLevel,
      toAlertId: toAlert.alertId,
      severity: state.severity,
      escalationLevel: state.escalationLevel + 1,
      missedDeadline: state.acknowledgeBy.toISOString(),
    },
    meta(state, ctx),
  );
  return { state: next, events: [event] };
}

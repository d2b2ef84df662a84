// Escalation (DESIGN.md §5, flow 1): an alert nobody acknowledged by its deadline goes to the
// parent group (district → region → republic), once; an acknowledgement anywhere in the chain
// stops it. The parent's alert keeps the chain id and climbs one escalation level.
import { buildEvent } from '@kelisim/contracts/events/catalogue';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { type AlertState, type Decision, meta, raiseAlert } from './alert.ts';
import type { Group } from './groups.ts';
import type { AckDeadlines } from './severity.ts';

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

/** The parent group's alert, continuing the chain. */
export function raiseForParent(
  state: AlertState,
  parent: Group,
  deadlines: AckDeadlines,
  ctx: DecisionContext,
): Decision {
  return raiseAlert(
    {
      group: parent,
      severity: state.severity,
      region: state.region,
      district: state.district,
      source: { eventId: state.sourceEventId, type: state.sourceType, subject: state.sourceSubject },
      details: state.details,
      chain: { chainId: state.chainId, escalationLevel: state.escalationLevel + 1 },
    },
    deadlines,
    ctx,
  );
}

/**
 * Marks the alert escalated to the parent's alert. `toAlert` may be an alert the parent group
 * already had for the same source event (one alert per group): the chain then joins it.
 */
export function markEscalated(
  state: AlertState,
  toAlert: Pick<AlertState, 'alertId' | 'groupId' | 'groupLevel'>,
  ctx: DecisionContext,
): Decision {
  const next: AlertState = { ...state, escalatedAt: ctx.now, escalatedToAlertId: toAlert.alertId };
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

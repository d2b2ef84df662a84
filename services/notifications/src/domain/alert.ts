// An alert to one group, decided as pure functions over plain data: (state, command, ctx) →
// { state, events }. Lifecycle: raised → delivered (per channel) → read → acknowledged →
// resolved. Reading is per member and does not acknowledge; acknowledging does not mark read.
import { createHash } from 'node:crypto';
import { buildEvent } from '@kelisim/contracts/events/catalogue';
import type {
  AlertChannel,
  AlertSeverity,
  AlertStatus,
  GroupLevel,
} from '@kelisim/contracts/reference/alert-vocabulary';
import {
  type DecisionContext,
  envelopeMeta,
  type Decision as KitDecision,
} from '@kelisim/service-kit/commands/decision';
import { ConflictError } from '@kelisim/service-kit/errors';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import type { Group } from './groups.ts';
import { type AckDeadlines, acknowledgeBy } from './severity.ts';

/** Codes and counts about the source event, for templates: never names or free text. */
export type AlertDetails = Readonly<Record<string, string | number | null>>;

export type AlertState = {
  alertId: string;
  chainId: string;
  groupId: string;
  groupLevel: GroupLevel;
  region: string;
  district: string | null;
  severity: AlertSeverity;
  sourceEventId: string;
  sourceType: string;
  sourceSubject: string;
  details: AlertDetails;
  escalationLevel: number;
  status: AlertStatus;
  raisedAt: Date;
  acknowledgeBy: Date;
  readBy: string[];
  delivered: { channel: AlertChannel; recipientId: string | null }[];
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  /** Free text: encrypted by the caller before it reaches the state (DESIGN.md §7). */
  acknowledgeNote: EncryptedField | null;
  escalatedAt: Date | null;
  escalatedToAlertId: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
};

export type Decision = KitDecision<AlertState>;

export const alertSource = '/services/notifications';

/** One source event raises at most one alert per group: the id says so by construction. */
export function alertIdFor(sourceEventId: string, groupId: string): string {
  return `al-${createHash('sha256').update(`${sourceEventId}|${groupId}`).digest('hex').slice(0, 40)}`;
}

/** The envelope of an event about the alert. */
export function meta(state: AlertState, ctx: DecisionContext) {
  return envelopeMeta(alertSource, ctx, { subject: state.alertId, region: state.region });
}

const ref = (s: AlertState) => ({ alertId: s.alertId, chainId: s.chainId, groupId: s.groupId });

export type RaiseInput = {
  group: Group;
  severity: AlertSeverity;
  region: string;
  district: string | null;
  source: { eventId: string; type: string; subject: string };
  details: AlertDetails;
  /** Set when escalating: the chain continues at the next level. */
  chain?: { chainId: string; escalationLevel: number };
};

/** Raises the alert and delivers it to the inbox of every member who has one, in one commit. */
export function raiseAlert(input: RaiseInput, deadlines: AckDeadlines, ctx: DecisionContext): Decision {
  const alertId = alertIdFor(input.source.eventId, input.group.id);
  const inboxMembers = input.group.members.filter((member) => member.inbox);
  const state: AlertState = {
    alertId,
    chainId: input.chain?.chainId ?? alertId,
    groupId: input.group.id,
    groupLevel: input.group.level,
    region: input.region,
    district: input.district,
    severity: input.severity,
    sourceEventId: input.source.eventId,
    sourceType: input.source.type,
    sourceSubject: input.source.subject,
    details: input.details,
    escalationLevel: input.chain?.escalationLevel ?? 0,
    status: inboxMembers.length > 0 ? 'delivered' : 'raised',
    raisedAt: ctx.now,
    acknowledgeBy: acknowledgeBy(ctx.now, input.severity, deadlines),
    readBy: [],
    delivered: inboxMembers.map((member) => ({ channel: 'inbox' as const, recipientId: member.userId })),
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgeNote: null,
    escalatedAt: null,
    escalatedToAlertId: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  };
  const raised = buildEvent(
    'alert.raised.v1',
    {
      ...ref(state),
      groupLevel: state.groupLevel,
      region: state.region,
      district: state.district,
      severity: state.severity,
      sourceEventId: state.sourceEventId,
      sourceType: state.sourceType,
      sourceSubject: state.sourceSubject,
      escalationLevel: state.escalationLevel,
      acknowledgeBy: state.acknowledgeBy.toISOString(),
    },
    meta(state, ctx),
  );
  const delivered = state.delivered.map(({ recipientId }) =>
    buildEvent(
      'alert.delivered.v1',
      { ...ref(state), channel: 'inbox', recipientId, attempt: 1 },
      meta(state, ctx),
    ),
  );
  return { state, events: [raised, ...delivered] };
}

/** A webhook or e-mail reached its recipient. Null when this delivery was already recorded. */
export function recordDelivery(
  state: AlertState,
  delivery: { channel: AlertChannel; recipientId: string | null; attempt: number },
  ctx: DecisionContext,
): Decision | null {
  const known = state.delivered.some(
    (d) => d.channel === delivery.channel && d.recipientId === delivery.recipientId,
  );
  if (known) return null;
  const next: AlertState = {
    ...state,
    status: state.status === 'raised' ? 'delivered' : state.status,
    delivered: [...state.delivered, { channel: delivery.channel, recipientId: delivery.recipientId }],
  };
  return {
    state: next,
    events: [buildEvent('alert.delivered.v1', { ...ref(next), ...delivery }, meta(next, ctx))],
  };
}

/** A member opened the alert. Null when they had already read it. Reading is not acknowledging. */
export function markRead(state: AlertState, userId: string): Decision | null {
  if (state.readBy.includes(userId)) return null;
  const advances = state.status === 'raised' || state.status === 'delivered';
  return {
    state: { ...state, readBy: [...state.readBy, userId], status: advances ? 'read' : state.status },
    events: [],
  };
}

export function acknowledge(
  state: AlertState,
  command: { userId: string; note: EncryptedField | null },
  ctx: DecisionContext,
): Decision {
  if (state.status === 'acknowledged' || state.status === 'resolved') {
    throw new ConflictError(`The alert is already ${state.status}.`, {
      code: 'alert.not_acknowledgeable',
      currentState: state.status,
      allowedCommands: state.status === 'acknowledged' ? ['read', 'resolve'] : ['read'],
    });
  }
  const next: AlertState = {
    ...state,
    status: 'acknowledged',
    acknowledgedBy: command.userId,
    acknowledgedAt: ctx.now,
    acknowledgeNote: command.note,
  };
  const event = buildEvent(
    'alert.acknowledged.v1',
    {
      ...ref(next),
      acknowledgedBy: command.userId,
      escalationLevel: next.escalationLevel,
      sourceEventId: next.sourceEventId,
    },
    meta(next, ctx),
  );
  return { state: next, events: [event] };
}

export function resolve(
  state: AlertState,
  command: { userId: string | null; resolution: string },
  ctx: DecisionContext,
): Decision {
  if (state.status === 'resolved') {
    throw new ConflictError('The alert is already resolved.', {
      code: 'alert.already_resolved',
      currentState: state.status,
      allowedCommands: ['read'],
    });
  }
  const next: AlertState = {
    ...state,
    status: 'resolved',
    resolvedAt: ctx.now,
    resolvedBy: command.userId,
    resolution: command.resolution,
  };
  const event = buildEvent(
    'alert.resolved.v1',
    { ...ref(next), resolution: command.resolution, resolvedBy: command.userId },
    meta(next, ctx),
  );
  return { state: next, events: [event] };
}

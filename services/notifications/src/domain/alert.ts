// An alert to one group about one matter, decided as pure functions over plain data: (state,
// command, ctx) → { state, events }. Lifecycle: raised → delivered (per channel) → read →
// acknowledged → resolved. Reading is per member and does not acknowledge; acknowledging does not
// mark read. A group has one open alert per matter (matter.ts): a later occurrence about the
// matter updates it (severity only rises, the timeline grows), and a rise after acknowledgement
// asks for acknowledgement again, with the new severity's deadline.
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
import { alertIdFor, type Matter, matterKeyOf, matterOfEvent } from './matter.ts';
import { type AckDeadlines, acknowledgeBy, maxSeverity } from './severity.ts';

/** Codes and counts about the source event, for templates: never names or free text. */
export type AlertDetails = Readonly<Record<string, string | number | null>>;

/** What happened to the alert, in the order it happened: codes only, never free text. */
export type TimelineEntry = {
  at: Date;
  what: 'raised' | 'updated' | 'escalated_in' | 'acknowledged' | 'escalated' | 'resolved';
  /**
   * The event type that caused the entry: the source event's (`case.escalated.v1`), or for the
   * alert's own steps the alert event that records it (`alert.acknowledged.v1`, and
   * `alert.escalated.v1` both for the child that escalated and the parent it reached).
   */
  sourceType: string;
  /** The alert's severity once the entry happened. */
  severity: AlertSeverity;
  /**
   * A case event's escalation level (0 local, 1 district, 2 region, 3 republic) when the entry
   * comes from one; otherwise the alert's level in its escalation chain.
   */
  escalationLevel: number;
  /** `escalated`: the group escalated to; `escalated_in`: the group it came from; `resolved`: why. */
  code: string | null;
  /** The occurrence's codes and counts (a case's reason, a band), as the source event gave them. */
  details: AlertDetails;
};

export type AlertState = {
  alertId: string;
  chainId: string;
  groupId: string;
  groupLevel: GroupLevel;
  matter: Matter;
  /** `matterKeyOf(matter)`, the indexed key every lookup of a matter's alerts leads with. */
  matterKey: string;
  /** 1 for the group's first alert about the matter; +1 for each after the previous was resolved. */
  generation: number;
  region: string;
  district: string | null;
  severity: AlertSeverity;
  /** The event that raised the alert (or, for an alert raised by escalation, the child's). */
  sourceEventId: string;
  /** The type of the latest event about the matter applied to the alert. */
  sourceType: string;
  sourceSubject: string;
  /** When the occurrence that raised it happened (its source event's time). */
  occurredAt: Date;
  /** The latest occurrence's details over the earlier ones'. */
  details: AlertDetails;
  escalationLevel: number;
  status: AlertStatus;
  raisedAt: Date;
  updatedAt: Date;
  acknowledgeBy: Date;
  readBy: string[];
  delivered: { channel: AlertChannel; recipientId: string | null }[];
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  /** Free text: encrypted by the caller before it reaches the state (DESIGN.md §7). */
  acknowledgeNote: EncryptedField | null;
  /** Set when it escalated at its current severity; a rise in severity clears it. */
  escalatedAt: Date | null;
  escalatedToAlertId: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  /** When the matter itself ended (the ending event's time); null when a member resolved it. */
  matterEndedAt: Date | null;
  /** Occurrence keys applied (source event ids, escalation keys): a redelivery changes nothing. */
  applied: string[];
  timeline: TimelineEntry[];
};

export type Decision = KitDecision<AlertState>;

export const alertSource = '/services/notifications';

/**
 * An alert stored before alerts followed matters (no matter, timeline or applied occurrences),
 * read as the first generation of its source event's matter; anything later keeps it that way.
 */
export function upgradeAlert<T extends AlertState>(state: T): T {
  if (state.matterKey) return state;
  const matter = matterOfEvent(state.sourceType, state.sourceSubject);
  return {
    ...state,
    matter,
    matterKey: matterKeyOf(matter),
    generation: 1,
    occurredAt: state.raisedAt,
    updatedAt: state.raisedAt,
    matterEndedAt: null,
    applied: [state.sourceEventId],
    timeline: [],
  };
}

/** The envelope of an event about the alert. */
export function meta(state: AlertState, ctx: DecisionContext) {
  return envelopeMeta(alertSource, ctx, { subject: state.alertId, region: state.region });
}

const ref = (s: AlertState) => ({ alertId: s.alertId, chainId: s.chainId, groupId: s.groupId });

/** Something about the matter that concerns the group: an event, or a child group's escalation. */
export type Occurrence = {
  /** The source event's id, or `escalation:<child alert id>:<severity>`. */
  key: string;
  /** When it happened: the source event's time (an escalation: the child's raising occurrence). */
  occurredAt: Date;
  severity: AlertSeverity;
  region: string;
  district: string | null;
  source: { eventId: string; type: string; subject: string };
  details: AlertDetails;
  /** The level the timeline entry reports (see TimelineEntry). */
  escalationLevel?: number;
  /** Set when a child group's alert escalated here: the chain continues at the next level. */
  escalation?: { chainId: string; escalationLevel: number; fromGroupId: string };
};

export type RaiseInput = {
  group: Group;
  severity: AlertSeverity;
  region: string;
  district: string | null;
  source: { eventId: string; type: string; subject: string };
  details: AlertDetails;
  /** The matter; by default the source event's (matter.ts). */
  matter?: Matter;
  /** By default 1: the group's first alert about the matter. */
  generation?: number;
  /** By default the source event's id. */
  key?: string;
  /** By default now. */
  occurredAt?: Date;
  escalationLevel?: number;
  /** Set when escalating: the chain continues at the next level. */
  chain?: { chainId: string; escalationLevel: number; fromGroupId?: string };
};

function openStatusFor(state: Pick<AlertState, 'delivered'>): AlertStatus {
  return state.delivered.some((d) => d.channel === 'inbox') ? 'delivered' : 'raised';
}

/** Raises the alert and delivers it to the inbox of every member who has one, in one commit. */
export function raiseAlert(input: RaiseInput, deadlines: AckDeadlines, ctx: DecisionContext): Decision {
  const matter = input.matter ?? matterOfEvent(input.source.type, input.source.subject);
  const generation = input.generation ?? 1;
  const alertId = alertIdFor(matter, input.group.id, generation);
  const inboxMembers = input.group.members.filter((member) => member.inbox);
  const escalationLevel = input.chain?.escalationLevel ?? 0;
  const state: AlertState = {
    alertId,
    chainId: input.chain?.chainId ?? alertId,
    groupId: input.group.id,
    groupLevel: input.group.level,
    matter,
    matterKey: matterKeyOf(matter),
    generation,
    region: input.region,
    district: input.district,
    severity: input.severity,
    sourceEventId: input.source.eventId,
    sourceType: input.source.type,
    sourceSubject: input.source.subject,
    occurredAt: input.occurredAt ?? ctx.now,
    details: input.details,
    escalationLevel,
    status: inboxMembers.length > 0 ? 'delivered' : 'raised',
    raisedAt: ctx.now,
    updatedAt: ctx.now,
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
    matterEndedAt: null,
    applied: [input.key ?? input.source.eventId],
    timeline: [
      {
        at: ctx.now,
        what: 'raised',
        sourceType: input.chain ? 'alert.escalated.v1' : input.source.type,
        severity: input.severity,
        escalationLevel: input.escalationLevel ?? escalationLevel,
        code: input.chain?.fromGroupId ?? null,
        details: input.details,
      },
    ],
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
      matterKind: matter.kind,
      generation,
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

/** The raise input of an occurrence for a group with no open alert about the matter. */
export function raiseInputOf(
  group: Group,
  matter: Matter,
  generation: number,
  occurrence: Occurrence,
): RaiseInput {
  return {
    group,
    matter,
    generation,
    key: occurrence.key,
    occurredAt: occurrence.occurredAt,
    severity: occurrence.severity,
    region: occurrence.region,
    district: occurrence.district,
    source: occurrence.source,
    details: occurrence.details,
    ...(occurrence.escalationLevel === undefined ? {} : { escalationLevel: occurrence.escalationLevel }),
    ...(occurrence.escalation ? { chain: occurrence.escalation } : {}),
  };
}

/**
 * A later occurrence about the matter, applied to the group's open alert: severity only rises,
 * the timeline records it, a rise sets the new severity's deadline (and may escalate again, once)
 * and, if the alert was acknowledged, asks for acknowledgement again. Null when the occurrence was
 * already applied or the alert is resolved. `renotify` says whether the channels hear of it again.
 */
export function updateAlert(
  state: AlertState,
  occurrence: Occurrence,
  deadlines: AckDeadlines,
  ctx: DecisionContext,
): (Decision & { renotify: boolean }) | null {
  if (state.status === 'resolved' || state.applied.includes(occurrence.key)) return null;
  const severity = maxSeverity(state.severity, occurrence.severity);
  const rose = severity !== state.severity;
  const reopened = rose && state.status === 'acknowledged';
  const escalationLevel = Math.max(state.escalationLevel, occurrence.escalation?.escalationLevel ?? 0);
  const entry: TimelineEntry = {
    at: ctx.now,
    what: occurrence.escalation ? 'escalated_in' : 'updated',
    sourceType: occurrence.escalation ? 'alert.escalated.v1' : occurrence.source.type,
    severity,
    escalationLevel: occurrence.escalationLevel ?? escalationLevel,
    code: occurrence.escalation?.fromGroupId ?? null,
    details: occurrence.details,
  };
  const next: AlertState = {
    ...state,
    severity,
    escalationLevel,
    sourceType: occurrence.escalation ? state.sourceType : occurrence.source.type,
    details: occurrence.escalation ? state.details : { ...state.details, ...occurrence.details },
    updatedAt: ctx.now,
    applied: [...state.applied, occurrence.key],
    timeline: [...state.timeline, entry],
    ...(rose ? { acknowledgeBy: acknowledgeBy(ctx.now, severity, deadlines), escalatedAt: null } : {}),
    ...(reopened ? { status: openStatusFor(state) } : {}),
  };
  const updated = buildEvent(
    'alert.updated.v1',
    {
      ...ref(next),
      severity,
      previousSeverity: state.severity,
      sourceEventId: occurrence.source.eventId,
      sourceType: occurrence.source.type,
      escalationLevel: next.escalationLevel,
      acknowledgeBy: next.acknowledgeBy.toISOString(),
      reopened,
      fromGroupId: occurrence.escalation?.fromGroupId ?? null,
    },
    meta(next, ctx),
  );
  return { state: next, events: [updated], renotify: rose };
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
    updatedAt: ctx.now,
    timeline: [...state.timeline, step(state, ctx, 'acknowledged', null, 'alert.acknowledged.v1')],
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

/** An entry for the alert's own step (no source event), at its current severity and level. */
function step(
  state: AlertState,
  ctx: DecisionContext,
  what: TimelineEntry['what'],
  code: string | null,
  sourceType: string,
): TimelineEntry {
  return {
    at: ctx.now,
    what,
    sourceType,
    severity: state.severity,
    escalationLevel: state.escalationLevel,
    code,
    details: {},
  };
}

/**
 * Resolves the alert: by a member (`userId`), or by the system when the matter ended
 * (`matterEnded`: the ending event's type and time, after which a late event raises nothing).
 */
export function resolve(
  state: AlertState,
  command: {
    userId: string | null;
    resolution: string;
    matterEnded?: { type: string; at: Date };
  },
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
    matterEndedAt: command.matterEnded?.at ?? null,
    updatedAt: ctx.now,
    timeline: [
      ...state.timeline,
      step(state, ctx, 'resolved', command.resolution, command.matterEnded?.type ?? 'alert.resolved.v1'),
    ],
  };
  const event = buildEvent(
    'alert.resolved.v1',
    { ...ref(next), resolution: command.resolution, resolvedBy: command.userId },
    meta(next, ctx),
  );
  return { state: next, events: [event] };
}

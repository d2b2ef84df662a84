// What the API answers for groups and alerts: webhook secrets never leave the service, and an
// alert says whether the caller has read it.
import {
  alertChannelSchema,
  alertSeveritySchema,
  alertStatuses,
  groupLevelSchema,
} from '@kelisim/contracts/reference/alert-vocabulary';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';
import { defaultTimeZone, renderAlert } from '../domain/alert-message.ts';
import type { Member } from '../domain/groups.ts';
import type { StoredAlert } from '../store/alerts-store.ts';
import type { StoredGroup } from '../store/groups-store.ts';

const messageSchema = z.object({
  subject: z.string(),
  headline: z.string(),
  text: z.string(),
  /** The matter's place in the console, relative to its origin. */
  path: z.string(),
  /** The alert's timeline in words, oldest first. */
  timeline: z.array(z.object({ at: z.string(), text: z.string() })),
});

export const memberViewSchema = z.object({
  userId: z.string(),
  language: z.enum(['kk', 'ru', 'en']),
  inbox: z.boolean(),
  /** E-mail to the address on the user's account (never answered here). */
  email: z.boolean(),
  webhook: z.object({ url: z.string(), hasSecret: z.literal(true) }).nullable(),
});

export const groupViewSchema = z.object({
  id: z.string(),
  level: groupLevelSchema,
  region: z.string().nullable(),
  district: z.string().nullable(),
  parentId: z.string().nullable(),
  names: z.object({ kk: z.string(), ru: z.string() }),
  members: z.array(memberViewSchema),
  version: z.number().int(),
});

/** One step in an alert's life (domain/alert.ts TimelineEntry): codes only. */
export const timelineEntryViewSchema = z.object({
  at: z.string(),
  what: z.enum(['raised', 'updated', 'escalated_in', 'acknowledged', 'escalated', 'resolved']),
  sourceType: z.string(),
  severity: alertSeveritySchema,
  escalationLevel: z.number().int(),
  code: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

export const alertViewSchema = z.object({
  alertId: z.string(),
  chainId: z.string(),
  groupId: z.string(),
  groupLevel: groupLevelSchema,
  region: z.string(),
  district: z.string().nullable(),
  severity: alertSeveritySchema,
  status: z.enum(alertStatuses),
  /** Whether the caller has read it. */
  read: z.boolean(),
  readBy: z.array(z.string()),
  sourceEventId: z.string(),
  sourceType: z.string(),
  sourceSubject: z.string(),
  /** What the alert is about: one open alert per matter and group. */
  matter: z.object({
    kind: z.enum(['case', 'certification', 'recommendation', 'region_risk']),
    id: z.string(),
  }),
  generation: z.number().int(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  escalationLevel: z.number().int(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  acknowledgeBy: z.string(),
  delivered: z.array(z.object({ channel: alertChannelSchema, recipientId: z.string().nullable() })),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  escalatedToAlertId: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  /** Oldest first. */
  timeline: z.array(timelineEntryViewSchema),
  message: z.object({ kk: messageSchema, ru: messageSchema }),
  version: z.number().int(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export function memberView(member: Member) {
  return {
    userId: member.userId,
    language: member.language,
    inbox: member.inbox,
    email: member.email,
    webhook: member.webhook ? { url: member.webhook.url, hasSecret: true as const } : null,
  };
}

export function groupView(group: StoredGroup) {
  return {
    id: group.id,
    level: group.level,
    region: group.region,
    district: group.district,
    parentId: group.parentId,
    names: { ...group.names },
    members: group.members.map(memberView),
    version: group.version,
  };
}

/** The console shows times in Almaty, as its own pages do (services/console/src/web/i18n.ts). */
function messageView(alert: StoredAlert, language: 'kk' | 'ru') {
  const message = renderAlert(alert, { language, timeZone: defaultTimeZone });
  return {
    ...message,
    timeline: message.timeline.map((entry) => ({ at: entry.at.toISOString(), text: entry.text })),
  };
}

export function alertView(alert: StoredAlert, viewer: string, cipher: FieldCipher) {
  return {
    alertId: alert.alertId,
    chainId: alert.chainId,
    groupId: alert.groupId,
    groupLevel: alert.groupLevel,
    region: alert.region,
    district: alert.district,
    severity: alert.severity,
    status: alert.status,
    read: alert.readBy.includes(viewer),
    readBy: alert.readBy,
    sourceEventId: alert.sourceEventId,
    sourceType: alert.sourceType,
    sourceSubject: alert.sourceSubject,
    matter: { kind: alert.matter.kind, id: alert.matter.id },
    generation: alert.generation,
    details: alert.details,
    escalationLevel: alert.escalationLevel,
    raisedAt: alert.raisedAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
    acknowledgeBy: alert.acknowledgeBy.toISOString(),
    delivered: alert.delivered,
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgeNote: alert.acknowledgeNote ? cipher.decrypt(alert.acknowledgeNote) : null,
    escalatedToAlertId: alert.escalatedToAlertId,
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolution: alert.resolution,
    timeline: alert.timeline.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    message: { kk: messageView(alert, 'kk'), ru: messageView(alert, 'ru') },
    version: alert.version,
  };
}

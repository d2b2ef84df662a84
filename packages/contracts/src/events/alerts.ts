import { z } from 'zod';
import { eventTypeSchema } from '../envelope.ts';
import {
  codeSchema,
  countSchema,
  dateTimeSchema,
  idSchema,
  katoCodeSchema,
  userIdSchema,
} from '../fields.ts';
import { alertChannelSchema, alertSeveritySchema, groupLevelSchema } from '../reference/alert-vocabulary.ts';
import { uuidV7Schema } from '../uuid-v7.ts';

// Events of the `alerts` family, published by notifications. Subject: the alert id. An alert goes
// to one group about one matter (a case, a certification, a recommendation, a region's risk): a
// group has one open alert per matter, which later events update (`alert.updated`). When nobody
// acknowledges it in time, it escalates to the parent group's alert for the same matter, joining
// it or raising it in the same chain (`chainId`, the first alert's id); an acknowledgement
// anywhere stops the chain at that severity.

/** What an alert is about: the subject of the events that raise it. */
export const alertMatterKindSchema = z.enum(['case', 'certification', 'recommendation', 'region_risk']);

const alertRef = {
  alertId: idSchema,
  chainId: idSchema,
  groupId: idSchema,
};

export const alertRaisedV1 = z.object({
  ...alertRef,
  groupLevel: groupLevelSchema,
  region: katoCodeSchema,
  district: katoCodeSchema.nullable(),
  severity: alertSeveritySchema,
  /** The event that raised the alert; one source event raises at most one alert per group. */
  sourceEventId: uuidV7Schema,
  sourceType: eventTypeSchema,
  sourceSubject: idSchema,
  /** 0 for the first group; +1 at each escalation to a parent group. */
  escalationLevel: countSchema,
  acknowledgeBy: dateTimeSchema,
  /** The matter's kind (its id is `sourceSubject`). */
  matterKind: alertMatterKindSchema.optional(),
  /** 1 for the group's first alert about the matter; +1 for each after the previous was resolved. */
  generation: countSchema.min(1).optional(),
});

/**
 * A later occurrence about the matter updated the group's open alert: an event about it, or a
 * child group's alert escalating into it (`fromGroupId`). Severity only rises; `reopened` when a
 * rise asks for acknowledgement again (with the new `acknowledgeBy`).
 */
export const alertUpdatedV1 = z.object({
  ...alertRef,
  severity: alertSeveritySchema,
  previousSeverity: alertSeveritySchema,
  /** The occurrence's source event (for an escalation, the child alert's). */
  sourceEventId: uuidV7Schema,
  sourceType: eventTypeSchema,
  escalationLevel: countSchema,
  acknowledgeBy: dateTimeSchema,
  reopened: z.boolean(),
  fromGroupId: idSchema.nullable(),
});

export const alertDeliveredV1 = z.object({
  ...alertRef,
  channel: alertChannelSchema,
  /** The member reached (inbox, e-mail); null for a group's webhook. */
  recipientId: userIdSchema.nullable(),
  attempt: countSchema.min(1),
});

export const alertAcknowledgedV1 = z.object({
  ...alertRef,
  acknowledgedBy: userIdSchema,
  escalationLevel: countSchema,
  sourceEventId: uuidV7Schema,
});

export const alertEscalatedV1 = z.object({
  ...alertRef,
  /** The parent group and the alert raised for it. */
  toGroupId: idSchema,
  toGroupLevel: groupLevelSchema,
  toAlertId: idSchema,
  severity: alertSeveritySchema,
  escalationLevel: countSchema.min(1),
  missedDeadline: dateTimeSchema,
});

export const alertResolvedV1 = z.object({
  ...alertRef,
  resolution: codeSchema,
  /** Null when resolved by the system (e.g. the source case closed). */
  resolvedBy: userIdSchema.nullable(),
});

export const alertEvents = {
  'alert.raised.v1': alertRaisedV1,
  'alert.updated.v1': alertUpdatedV1,
  'alert.delivered.v1': alertDeliveredV1,
  'alert.acknowledged.v1': alertAcknowledgedV1,
  'alert.escalated.v1': alertEscalatedV1,
  'alert.resolved.v1': alertResolvedV1,
} as const;

export type AlertEventType = keyof typeof alertEvents;

import { z } from 'zod';
import { codeSchema, countSchema, dateSchema, idSchema, katoCodeSchema, userIdSchema } from '../fields.ts';
import { caseCategorySchema } from '../reference/case-vocabulary.ts';
import { languageSchema, mediatorKindSchema, mediatorStatusSchema } from '../reference/people-vocabulary.ts';

// Events of the `mediators` family, published by mediator-training. Subject: the mediator id for
// mediator events, the enrolment id for enrolment and training events, the certification id for
// certification events. Envelope region: the mediator's home region.

/** The mediator as consumers keep it (case-intake's eligibility read model): a full snapshot. */
const mediatorProfile = {
  mediatorId: idSchema,
  /** The mediator's login (token `sub`), so that "my cases" and "my certificate" can be resolved. */
  userId: userIdSchema,
  homeRegion: katoCodeSchema,
  /** Regions the mediator covers (KATO), at least the home region. */
  regions: z.array(katoCodeSchema).min(1),
  languages: z.array(languageSchema).min(1),
  specialisations: z.array(caseCategorySchema),
  status: mediatorStatusSchema,
  /** Added within v1: an event without it is of a certified professional. */
  kind: mediatorKindSchema.optional(),
  /** A volunteer's youth or student assembly (partner id); null or absent for the others. */
  partnerId: idSchema.nullable().optional(),
};

export const mediatorRegisteredV1 = z.object(mediatorProfile);

/** Carries the whole profile after the change, so a consumer simply replaces what it holds. */
export const mediatorUpdatedV1 = z.object(mediatorProfile);

export const enrolmentCreatedV1 = z.object({
  enrolmentId: idSchema,
  mediatorId: idSchema,
  courseId: idSchema,
  startsOn: dateSchema,
});

export const trainingCompletedV1 = z.object({
  enrolmentId: idSchema,
  mediatorId: idSchema,
  courseId: idSchema,
  completedOn: dateSchema,
  passed: z.boolean(),
  /** Assessment score and pass mark, in percent. */
  score: z.number().min(0).max(100),
  passMark: z.number().min(0).max(100),
  attendancePercent: z.number().min(0).max(100),
});

const certificationRef = {
  certificationId: idSchema,
  mediatorId: idSchema,
  courseId: idSchema,
};

export const certificationIssuedV1 = z.object({
  ...certificationRef,
  enrolmentId: idSchema,
  validFrom: dateSchema,
  validUntil: dateSchema,
});

/** Renewal needs practice: `practiceCaseCount` closed cases the mediator mediated. */
export const certificationRenewedV1 = z.object({
  ...certificationRef,
  validFrom: dateSchema,
  validUntil: dateSchema,
  previousValidUntil: dateSchema,
  practiceCaseCount: countSchema,
});

export const certificationExpiringV1 = z.object({
  ...certificationRef,
  validUntil: dateSchema,
  daysLeft: countSchema,
});

export const certificationExpiredV1 = z.object({
  ...certificationRef,
  validUntil: dateSchema,
});

export const certificationSuspendedV1 = z.object({
  ...certificationRef,
  reason: codeSchema,
  suspendedFrom: dateSchema,
  /** The end of the suspension when it is known; null until reinstated. */
  suspendedUntil: dateSchema.nullable(),
  validUntil: dateSchema,
  decidedBy: userIdSchema,
});

/** A suspension lifted: the certification is valid again until `validUntil`. */
export const certificationReinstatedV1 = z.object({
  ...certificationRef,
  validUntil: dateSchema,
  decidedBy: userIdSchema,
});

export const certificationRevokedV1 = z.object({
  ...certificationRef,
  reason: codeSchema,
  revokedOn: dateSchema,
  decidedBy: userIdSchema,
});

export const mediatorEvents = {
  'mediator.registered.v1': mediatorRegisteredV1,
  'mediator.updated.v1': mediatorUpdatedV1,
  'enrolment.created.v1': enrolmentCreatedV1,
  'training.completed.v1': trainingCompletedV1,
  'certification.issued.v1': certificationIssuedV1,
  'certification.renewed.v1': certificationRenewedV1,
  'certification.expiring.v1': certificationExpiringV1,
  'certification.expired.v1': certificationExpiredV1,
  'certification.suspended.v1': certificationSuspendedV1,
  'certification.reinstated.v1': certificationReinstatedV1,
  'certification.revoked.v1': certificationRevokedV1,
} as const;

export type MediatorEventType = keyof typeof mediatorEvents;

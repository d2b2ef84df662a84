import { z } from 'zod';
import { codeSchema, countSchema, dateSchema, idSchema, katoCodeSchema, userIdSchema } from '../fields.ts';
import {
  caseCategorySchema,
  caseStatusSchema,
  escalationLevelSchema,
  followUpResultSchema,
  outcomeKindSchema,
  riskFlagSchema,
  sessionKindSchema,
  urgencySchema,
} from '../reference/case-vocabulary.ts';
import { partnerKindSchema } from '../reference/partner-vocabulary.ts';
import { languageSchema, mediatorKindSchema } from '../reference/people-vocabulary.ts';

// Events of the `cases` family, published by case-intake. Subject: the case id. No personal data:
// parties appear only as counts, languages and consented community codes.

/** `EM-<year>-<region>-<seq>`, region as the first two KATO digits or the full code. */
export const caseNumberSchema = z
  .string()
  .regex(/^EM-\d{4}-(\d{2}|\d{9})-\d{1,8}$/, 'expected EM-<year>-<region>-<seq>');

/**
 * Every case event says which case, where, and the status the case is in once the event happened,
 * so consumers need no lookup to route or count, and never re-derive case-intake's lifecycle.
 */
const caseRef = {
  caseId: idSchema,
  caseNumber: caseNumberSchema,
  region: katoCodeSchema,
  district: katoCodeSchema,
  status: caseStatusSchema,
};

/** What a case looks like to its neighbours: enough to alert on, count and check eligibility. */
const caseProfile = {
  category: caseCategorySchema,
  urgency: urgencySchema,
  riskFlags: z.array(riskFlagSchema),
  escalationLevel: escalationLevelSchema,
};

const parties = {
  partyCount: countSchema.min(1),
  /** Preferred languages of the parties, each once: a mediator must speak one of them. */
  partyLanguages: z.array(languageSchema),
  /** Community codes recorded with the party's consent only; aggregate, without counts per party. */
  communityCodes: z.array(codeSchema),
};

export const caseRegisteredV1 = z.object({
  ...caseRef,
  ...caseProfile,
  ...parties,
  /** KATO code of the locality (settlement), when known. */
  locality: katoCodeSchema.nullable(),
  registeredBy: userIdSchema,
});

export const caseScreenedV1 = z.object({
  ...caseRef,
  ...caseProfile,
  ...parties,
  screenedBy: userIdSchema,
});

export const caseDeclinedV1 = z.object({
  ...caseRef,
  category: caseCategorySchema,
  reason: codeSchema,
  declinedBy: userIdSchema,
});

export const caseReferredOutV1 = z.object({
  ...caseRef,
  category: caseCategorySchema,
  reason: codeSchema,
  referredTo: codeSchema,
  referredBy: userIdSchema,
  /** Added within v1: the partner of a referral to a partner, and its kind (statistics by kind). */
  partnerId: idSchema.nullable().optional(),
  partnerKind: partnerKindSchema.nullable().optional(),
});

export const caseConsentRecordedV1 = z.object({
  ...caseRef,
  partyId: idSchema,
  consented: z.boolean(),
  /** Whether the party also consented to their community being recorded. */
  communityConsent: z.boolean(),
  consentedCount: countSchema,
  partyCount: countSchema.min(1),
  allPartiesConsented: z.boolean(),
});

export const caseMediatorAssignedV1 = z.object({
  ...caseRef,
  ...caseProfile,
  mediatorId: idSchema,
  previousMediatorId: idSchema.nullable(),
  /** Added within v1: the certified supervisor of a volunteer mediator. */
  supervisorId: idSchema.nullable().optional(),
  /** Added within v1: whether the assigned mediator is a certified professional or a volunteer
   * (statistics of volunteers' cases); an event without it does not say. */
  mediatorKind: mediatorKindSchema.optional(),
  partyLanguages: z.array(languageSchema),
  assignedBy: userIdSchema,
});

export const caseSessionHeldV1 = z.object({
  ...caseRef,
  mediatorId: idSchema,
  sessionId: idSchema,
  sessionNumber: countSchema.min(1),
  kind: sessionKindSchema,
  heldOn: dateSchema,
  durationMinutes: countSchema,
  attendeeCount: countSchema,
  /** Added within v1: the partner whose premises hosted the session, and its kind. */
  venuePartnerId: idSchema.nullable().optional(),
  venueKind: partnerKindSchema.nullable().optional(),
  /** Added within v1: partner organisations' members present, as counts per organisation. */
  partnerParticipants: z
    .array(z.object({ partnerId: idSchema, kind: partnerKindSchema, count: countSchema.min(1) }))
    .optional(),
});

export const caseEscalatedV1 = z.object({
  ...caseRef,
  ...caseProfile,
  previousLevel: escalationLevelSchema,
  reason: codeSchema,
  mediatorId: idSchema.nullable(),
  escalatedBy: userIdSchema,
});

export const caseOutcomeRecordedV1 = z.object({
  ...caseRef,
  category: caseCategorySchema,
  mediatorId: idSchema,
  outcome: outcomeKindSchema,
  writtenAgreement: z.boolean(),
  sessionCount: countSchema,
  followUpDue: dateSchema.nullable(),
});

export const caseFollowUpDueV1 = z.object({
  ...caseRef,
  mediatorId: idSchema.nullable(),
  dueOn: dateSchema,
});

export const caseFollowedUpV1 = z.object({
  ...caseRef,
  mediatorId: idSchema.nullable(),
  followedUpOn: dateSchema,
  result: followUpResultSchema,
});

export const caseClosedV1 = z.object({
  ...caseRef,
  category: caseCategorySchema,
  /** Who mediated: mediator-training counts practice for renewal from this. */
  mediatorId: idSchema.nullable(),
  outcome: outcomeKindSchema.nullable(),
  /** True when the outcome was an agreement or a partial agreement. */
  outcomeReached: z.boolean(),
  sessionCount: countSchema,
  closedOn: dateSchema,
});

export const caseReopenedV1 = z.object({
  ...caseRef,
  ...caseProfile,
  reason: codeSchema,
  mediatorId: idSchema.nullable(),
  reopenedBy: userIdSchema,
});

export const caseWithdrawnV1 = z.object({
  ...caseRef,
  previousStatus: caseStatusSchema,
  reason: codeSchema,
  mediatorId: idSchema.nullable(),
});

export const caseDuplicateSuspectedV1 = z.object({
  ...caseRef,
  matches: z
    .array(
      z.object({ caseId: idSchema, caseNumber: caseNumberSchema, overlappingParties: countSchema.min(1) }),
    )
    .min(1),
  windowDays: countSchema,
});

/**
 * A party's personal fields were erased (consent withdrawn) or every party's were (the retention
 * period after the case ended passed). Says which party and which fields, never their values; the
 * parties stay counted, so statistics built from the other events do not move.
 */
export const casePartyDataErasedV1 = z.object({
  ...caseRef,
  reason: z.enum(['consent_withdrawn', 'retention_expired']),
  /** The parties whose personal fields were erased. */
  partyIds: z.array(idSchema).min(1),
  /** Names of the erased fields, e.g. `parties.name`, `description`. */
  erasedFields: z.array(z.string().regex(/^[a-zA-Z.]{1,64}$/)),
  partyCount: countSchema.min(1),
  /**
   * True when a withdrawal of consent stopped a running mediation: the case awaits consent again
   * (its `status`), and no session is recorded until the party consents anew.
   */
  mediationPaused: z.boolean(),
  /** The user who recorded the withdrawal, or `system:retention-sweep`. */
  erasedBy: userIdSchema,
});

export const caseEvents = {
  'case.registered.v1': caseRegisteredV1,
  'case.screened.v1': caseScreenedV1,
  'case.declined.v1': caseDeclinedV1,
  'case.referred-out.v1': caseReferredOutV1,
  'case.consent-recorded.v1': caseConsentRecordedV1,
  'case.mediator-assigned.v1': caseMediatorAssignedV1,
  'case.session-held.v1': caseSessionHeldV1,
  'case.escalated.v1': caseEscalatedV1,
  'case.outcome-recorded.v1': caseOutcomeRecordedV1,
  'case.follow-up-due.v1': caseFollowUpDueV1,
  'case.followed-up.v1': caseFollowedUpV1,
  'case.closed.v1': caseClosedV1,
  'case.reopened.v1': caseReopenedV1,
  'case.withdrawn.v1': caseWithdrawnV1,
  'case.duplicate-suspected.v1': caseDuplicateSuspectedV1,
  'case.party-data-erased.v1': casePartyDataErasedV1,
} as const;

export type CaseEventType = keyof typeof caseEvents;

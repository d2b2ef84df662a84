import { z } from 'zod';
import { codeSchema, dateSchema, idSchema } from '../fields.ts';
import {
  assignmentConditionSchema,
  declineReasons,
  escalationReasons,
  referralReasons,
  referralTargets,
  reopenReasons,
  withdrawalReasons,
} from '../reference/case-reasons.ts';
import {
  caseCategorySchema,
  caseStatusSchema,
  followUpResultSchema,
  outcomeKindSchema,
  riskFlagSchema,
  sessionKindSchema,
  urgencySchema,
} from '../reference/case-vocabulary.ts';
import { mediatorKindSchema } from '../reference/people-vocabulary.ts';
import { isDistrictOf, isKnownDistrict, isKnownRegion } from '../reference/regions.ts';
import { caseText, caseTextLimits, registerCaseBodySchema } from './case-registration.ts';
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from './list-query.ts';
import { exportQueryBaseSchema } from './register-export.ts';

// case-intake's requests: bodies, path parameters and the list query, validated once at the edge
// (STYLE.md rule 2). Server side: the territory checks read the contracts' reference files.

export const registerCaseBody = registerCaseBodySchema({ isKnownRegion, isKnownDistrict, isDistrictOf });

/** The body of `POST /cases/{caseId}/<command>`, by command. */
export const caseCommandBodies = {
  screen: z.strictObject({
    category: caseCategorySchema.optional(),
    urgency: urgencySchema.optional(),
    riskFlags: z.array(riskFlagSchema).max(10).optional(),
  }),
  decline: z.strictObject({ reason: declineReasons.schema }),
  'refer-out': z
    .strictObject({
      reason: referralReasons.schema,
      referredTo: referralTargets.schema,
      /** The partner the case goes to, when `referredTo` is `partner`. */
      partnerId: idSchema.optional(),
    })
    .refine((body) => (body.referredTo === 'partner') === (body.partnerId !== undefined), {
      message: 'a referral to a partner names the partner, and only such a referral does',
      path: ['partnerId'],
    }),
  'record-consent': z
    .strictObject({
      partyId: idSchema,
      consented: z.boolean(),
      communityConsent: z.boolean().default(false),
      community: codeSchema.optional(),
    })
    .refine((body) => body.community === undefined || body.communityConsent, {
      message: 'a community is recorded only with the party’s consent to it',
      path: ['community'],
    }),
  assign: z.strictObject({
    mediatorId: idSchema,
    /** A certified mediator supervising a volunteer on the case (issue 27). */
    supervisorId: idSchema.optional(),
  }),
  'record-session': z.strictObject({
    kind: sessionKindSchema,
    heldOn: dateSchema,
    durationMinutes: z.number().int().min(1).max(1_440),
    attendeePartyIds: z.array(idSchema).max(50).default([]),
    otherAttendeeCount: z.number().int().min(0).max(10_000).default(0),
    notes: caseText(caseTextLimits.notes).optional(),
    /** Where the session was held: a House of Friendship or another partner's premises. */
    venuePartnerId: idSchema.optional(),
    /** Members of partner organisations who took part, counted by organisation, never named. */
    partnerParticipants: z
      .array(z.strictObject({ partnerId: idSchema, count: z.number().int().min(1).max(500) }))
      .max(20)
      .default([]),
  }),
  escalate: z.strictObject({ level: z.literal([1, 2, 3]), reason: escalationReasons.schema }),
  'record-outcome': z.strictObject({
    outcome: outcomeKindSchema,
    agreement: caseText(caseTextLimits.agreement).optional(),
    followUpDue: dateSchema.optional(),
  }),
  'follow-up': z.strictObject({
    followedUpOn: dateSchema,
    result: followUpResultSchema,
    notes: caseText(caseTextLimits.notes).optional(),
  }),
  close: z.strictObject({}).optional(),
  reopen: z.strictObject({ reason: reopenReasons.schema }),
  withdraw: z.strictObject({ reason: withdrawalReasons.schema }),
} as const;

export const caseIdParams = z.strictObject({ caseId: idSchema });

const caseListFilters = {
  status: caseStatusSchema.optional(),
  urgency: urgencySchema.optional(),
  category: caseCategorySchema.optional(),
  mediator: idSchema.optional(),
  /** Inclusive dates the outcome was recorded on (the dashboard's "ended with an outcome"). */
  outcomeFrom: dateSchema.optional(),
  outcomeTo: dateSchema.optional(),
  /** Inclusive dates the case was escalated on (the dashboard's escalations). */
  escalatedFrom: dateSchema.optional(),
  escalatedTo: dateSchema.optional(),
};
type CaseListFilters = { [K in keyof typeof caseListFilters]?: string | undefined };

/** A range of `<name>From` to `<name>To` in order, or the first named as the wrong one. */
function orderedRange(
  name: 'outcome' | 'escalated',
): [(query: CaseListFilters) => boolean, { message: string; path: string[] }] {
  const from = `${name}From` as const;
  const to = `${name}To` as const;
  return [
    (query) => hasOrderedDates({ from: query[from], to: query[to] }),
    { message: `\`${from}\` must not be after \`${to}\``, path: [from] },
  ];
}

export const listCasesQuery = listQueryBaseSchema
  .extend(caseListFilters)
  .strict()
  .refine(hasOrderedDates, orderedDatesMessage)
  .refine(...orderedRange('outcome'))
  .refine(...orderedRange('escalated'));

/** The cases register: the list's filters, the whole list, as CSV or XLSX. */
export const exportCasesQuery = exportQueryBaseSchema
  .extend(caseListFilters)
  .strict()
  .refine(hasOrderedDates, orderedDatesMessage)
  .refine(...orderedRange('outcome'))
  .refine(...orderedRange('escalated'));

/**
 * The mediators case-intake's eligibility read model knows for a case's region: those who may be
 * assigned now, and the others of the region with every condition they fail. Ids only: names are
 * mediator-training's (`GET /mediators/names`), personal data never leaves through this answer.
 */
export const eligibleMediatorsResponse = z.object({
  /** A volunteer is offered with its kind: the assignment then names a certified supervisor. */
  eligible: z.array(z.object({ mediatorId: idSchema, kind: mediatorKindSchema })),
  notOffered: z.array(z.object({ mediatorId: idSchema, reasons: z.array(assignmentConditionSchema).min(1) })),
});
export type EligibleMediators = z.output<typeof eligibleMediatorsResponse>;

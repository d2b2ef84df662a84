// Request bodies and queries, validated once at the edge (STYLE.md rule 2). Objects are strict:
// an unknown field is a 400, not silently dropped. Free text has a ceiling; codes come from the
// contracts' vocabularies; KATO codes must be known and the district must lie in the region.
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from '@kelisim/contracts/api/list-query';
import { codeSchema, dateSchema, idSchema, katoCodeSchema, userIdSchema } from '@kelisim/contracts/fields';
import {
  declineReasons,
  escalationReasons,
  referralReasons,
  referralTargets,
  reopenReasons,
  withdrawalReasons,
} from '@kelisim/contracts/reference/case-reasons';
import {
  caseCategorySchema,
  caseStatusSchema,
  followUpResultSchema,
  outcomeKindSchema,
  partyKindSchema,
  riskFlagSchema,
  sessionKindSchema,
  urgencySchema,
} from '@kelisim/contracts/reference/case-vocabulary';
import { languageSchema } from '@kelisim/contracts/reference/people-vocabulary';
import { districtCodeSchema, isDistrictOf, regionCodeSchema } from '@kelisim/contracts/reference/regions';
import { z } from 'zod';
import { partyRoles } from '../domain/case-types.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const textLimits = { name: 200, contacts: 500, description: 4_000, notes: 4_000, agreement: 20_000 };

const partyInput = z.strictObject({
  kind: partyKindSchema,
  role: z.enum(partyRoles),
  language: languageSchema,
  name: text(textLimits.name),
  contacts: text(textLimits.contacts).optional(),
  /** The party's platform user id, when they have one (a mediator may not mediate their own case). */
  userId: userIdSchema.optional(),
});

export const registerCaseBody = z
  .strictObject({
    region: regionCodeSchema,
    district: districtCodeSchema,
    locality: katoCodeSchema.optional(),
    category: caseCategorySchema,
    urgency: urgencySchema,
    riskFlags: z.array(riskFlagSchema).max(10).default([]),
    description: text(textLimits.description).optional(),
    parties: z.array(partyInput).min(1).max(50),
  })
  .refine((body) => isDistrictOf(body.district, body.region), {
    message: 'the district is not in the region',
    path: ['district'],
  })
  // KATO codes nest: a settlement's code starts with its district's significant digits.
  .refine(
    (body) => body.locality === undefined || body.locality.startsWith(body.district.replace(/0+$/, '')),
    {
      message: 'the locality is not in the district',
      path: ['locality'],
    },
  );
export type RegisterCaseBody = z.output<typeof registerCaseBody>;

export const commandBodies = {
  screen: z.strictObject({
    category: caseCategorySchema.optional(),
    urgency: urgencySchema.optional(),
    riskFlags: z.array(riskFlagSchema).max(10).optional(),
  }),
  decline: z.strictObject({ reason: declineReasons.schema }),
  'refer-out': z.strictObject({ reason: referralReasons.schema, referredTo: referralTargets.schema }),
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
  assign: z.strictObject({ mediatorId: idSchema }),
  'record-session': z.strictObject({
    kind: sessionKindSchema,
    heldOn: dateSchema,
    durationMinutes: z.number().int().min(1).max(1_440),
    attendeePartyIds: z.array(idSchema).max(50).default([]),
    otherAttendeeCount: z.number().int().min(0).max(10_000).default(0),
    notes: text(textLimits.notes).optional(),
  }),
  escalate: z.strictObject({ level: z.literal([1, 2, 3]), reason: escalationReasons.schema }),
  'record-outcome': z.strictObject({
    outcome: outcomeKindSchema,
    agreement: text(textLimits.agreement).optional(),
    followUpDue: dateSchema.optional(),
  }),
  'follow-up': z.strictObject({
    followedUpOn: dateSchema,
    result: followUpResultSchema,
    notes: text(textLimits.notes).optional(),
  }),
  close: z.strictObject({}).optional(),
  reopen: z.strictObject({ reason: reopenReasons.schema }),
  withdraw: z.strictObject({ reason: withdrawalReasons.schema }),
} as const;

export const caseIdParams = z.strictObject({ caseId: idSchema });

export const listCasesQuery = listQueryBaseSchema
  .extend({
    status: caseStatusSchema.optional(),
    urgency: urgencySchema.optional(),
    category: caseCategorySchema.optional(),
    mediator: idSchema.optional(),
  })
  .strict()
  .refine(hasOrderedDates, orderedDatesMessage);

/** `Idempotency-Key`: any short opaque token the client chose. */
export const idempotencyKeySchema = z.string().regex(/^[\w.:-]{1,128}$/);

/** Responses are documented by their key members; the rest passes through as case-view.ts builds it. */
export const caseResponse = z.looseObject({
  caseId: z.string(),
  caseNumber: z.string(),
  version: z.number(),
  status: caseStatusSchema,
});

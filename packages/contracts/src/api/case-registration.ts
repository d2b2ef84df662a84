import { z } from 'zod';
import { katoCodeSchema, userIdSchema } from '../fields.ts';
import {
  caseCategorySchema,
  partyKindSchema,
  partyRoleSchema,
  riskFlagSchema,
  urgencySchema,
} from '../reference/case-vocabulary.ts';
import { covers } from '../reference/kato.ts';
import { languageSchema } from '../reference/people-vocabulary.ts';

// The body of `POST /cases` (case-intake). Objects are strict: an unknown field is a 400, not
// silently dropped; free text has a ceiling; codes come from the vocabularies; KATO codes must be
// known and nest. Whether a code is known is asked of the caller's territory lookup, because the
// contracts' reference module reads files: case-intake passes it, and the console's browser app
// passes the reference data it fetched, so that the form refuses exactly what the service would.

/** Ceilings of free text in a case, in characters. */
export const caseTextLimits = {
  name: 200,
  contacts: 500,
  description: 4_000,
  notes: 4_000,
  agreement: 20_000,
};

export const districtNotInRegion = 'the district is not in the region';
export const localityNotInDistrict = 'the locality is not in the district';

export type TerritoryLookup = {
  isKnownRegion: (kato: string) => boolean;
  isKnownDistrict: (kato: string) => boolean;
  isDistrictOf: (district: string, region: string) => boolean;
};

export const caseText = (max: number) => z.string().trim().min(1).max(max);

export const partyInputSchema = z.strictObject({
  kind: partyKindSchema,
  role: partyRoleSchema,
  language: languageSchema,
  name: caseText(caseTextLimits.name),
  contacts: caseText(caseTextLimits.contacts).optional(),
  /** The party's platform user id, when they have one (a mediator may not mediate their own case). */
  userId: userIdSchema.optional(),
});

export function registerCaseBodySchema(territory: TerritoryLookup) {
  return z
    .strictObject({
      region: katoCodeSchema.refine(territory.isKnownRegion, 'unknown region KATO code'),
      district: katoCodeSchema.refine(territory.isKnownDistrict, 'unknown district KATO code'),
      locality: katoCodeSchema.optional(),
      category: caseCategorySchema,
      urgency: urgencySchema,
      riskFlags: z.array(riskFlagSchema).max(10).default([]),
      description: caseText(caseTextLimits.description).optional(),
      parties: z.array(partyInputSchema).min(1).max(50),
    })
    .refine((body) => territory.isDistrictOf(body.district, body.region), {
      message: districtNotInRegion,
      path: ['district'],
    })
    .refine((body) => body.locality === undefined || covers(body.district, body.locality), {
      message: localityNotInDistrict,
      path: ['locality'],
    });
}

export type RegisterCaseInput = z.input<ReturnType<typeof registerCaseBodySchema>>;
export type RegisterCaseBody = z.output<ReturnType<typeof registerCaseBodySchema>>;

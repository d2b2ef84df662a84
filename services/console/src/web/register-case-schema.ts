// The registration form's rules: the same zod contracts case-intake validates POST /cases with
// (vocabularies, KATO formats, text ceilings), so the form refuses exactly what the service would
// refuse, field by field, before anything is sent. Territory membership is checked against the
// reference data the console serves (the contracts' regions module reads files: server only).
import { katoCodeSchema, userIdSchema } from '@kelisim/contracts/fields';
import {
  caseCategorySchema,
  partyKindSchema,
  riskFlagSchema,
  urgencySchema,
} from '@kelisim/contracts/reference/case-vocabulary';
import { languageSchema } from '@kelisim/contracts/reference/people-vocabulary';
import { z } from 'zod';
import type { MessageKey } from './i18n.ts';

/** case-intake's party roles (its domain/case-types.ts); not a shared vocabulary yet. */
export const partyRoles = ['claimant', 'respondent', 'other'] as const;

/** case-intake's ceilings (routes/case-schemas.ts `textLimits`). */
export const textLimits = { name: 200, contacts: 500, description: 4_000 };

const text = (max: number) => z.string().trim().min(1).max(max);

export function registerCaseSchema(isDistrictOf: (district: string, region: string) => boolean) {
  return z
    .strictObject({
      region: katoCodeSchema,
      district: katoCodeSchema,
      category: caseCategorySchema,
      urgency: urgencySchema,
      riskFlags: z.array(riskFlagSchema).max(10).default([]),
      description: text(textLimits.description).optional(),
      parties: z
        .array(
          z.strictObject({
            kind: partyKindSchema,
            role: z.enum(partyRoles),
            language: languageSchema,
            name: text(textLimits.name),
            contacts: text(textLimits.contacts).optional(),
            userId: userIdSchema.optional(),
          }),
        )
        .min(1)
        .max(50),
    })
    .refine((body) => isDistrictOf(body.district, body.region), {
      message: 'district_not_in_region',
      path: ['district'],
    });
}

export type RegisterCaseInput = z.input<ReturnType<typeof registerCaseSchema>>;

export type FieldMessage = { key: MessageKey; values?: Record<string, number> };

/** One message per field path (`parties.0.name`), in the words of the person typing. */
export function fieldMessages(error: z.ZodError): Map<string, FieldMessage> {
  const found = new Map<string, FieldMessage>();
  for (const issue of error.issues) {
    const path = issue.path.join('.');
    if (found.has(path)) continue;
    found.set(path, messageOf(issue, path));
  }
  return found;
}

function messageOf(issue: z.core.$ZodIssue, path: string): FieldMessage {
  if (issue.message === 'district_not_in_region') return { key: 'districtNotInRegion' };
  switch (issue.code) {
    case 'invalid_value':
      return { key: 'invalidChoice' };
    case 'too_small':
      return path === 'parties' ? { key: 'atLeastOneParty' } : { key: 'tooShort' };
    case 'too_big':
      return { key: 'tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { key: 'required' };
    default:
      return { key: 'invalidFormat' };
  }
}

/** The form's empty strings are "not given"; the API wants those fields left out. */
export function withoutBlanks<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutBlanks) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== '' && v !== undefined)
        .map(([k, v]) => [k, withoutBlanks(v)]),
    ) as T;
  }
  return value;
}

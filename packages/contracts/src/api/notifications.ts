import { z } from 'zod';
import { userIdSchema } from '../fields.ts';
import {
  alertSeveritySchema,
  alertStatuses,
  alertTargetKinds,
  memberResolutions,
} from '../reference/alert-vocabulary.ts';
import { districtCodeSchema, regionCodeSchema } from '../reference/regions.ts';
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from './list-query.ts';
import { exportQueryBaseSchema } from './register-export.ts';

// notifications' requests: the groups directory, the alert inbox and the subscription rules;
// bodies, path parameters and list queries, validated once at the edge (STYLE.md rule 2).

const pathKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

export const groupIdParams = z.object({ groupId: pathKey });
export const alertIdParams = z.object({ alertId: pathKey });
export const ruleIdParams = z.object({ ruleId: z.string().regex(/^[a-z0-9-]{1,64}$/) });

// --- groups ---

/** The languages alerts are written in. */
export const memberLanguageSchema = z.enum(['kk', 'ru', 'en']);

/** A Keycloak username (Keycloak lower-cases them). */
export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._@-]{0,254}$/, 'expected a username');

/**
 * A member is a user of the identity provider (Keycloak), named by user id or username; the
 * service looks the user up and takes the e-mail address from their account, never from here.
 */
export const groupMemberBody = z
  .strictObject({
    /** The Keycloak user id (the token `sub`). */
    userId: userIdSchema.optional(),
    /** Or the Keycloak username. */
    username: usernameSchema.optional(),
    language: memberLanguageSchema,
    inbox: z.boolean().default(true),
    /** E-mail to the address on the user's account. */
    email: z.boolean().default(false),
    /** Omit `secret` to keep the member's current one. */
    webhook: z
      .strictObject({
        url: z.url({ protocol: /^https?$/ }).max(2000),
        /**
         * A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes
         * (e.g. `"whsec_" + base64(randomBytes(32))`).
         */
        secret: z
          .string()
          .regex(
            /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/,
            'a Standard Webhooks secret: whsec_ and the base64 of 24 to 64 bytes',
          )
          .optional(),
      })
      .nullable()
      .default(null),
  })
  .refine((member) => (member.userId === undefined) !== (member.username === undefined), {
    message: 'name the user by exactly one of userId or username',
    path: ['userId'],
  });

export const groupNamesBody = z.strictObject({
  kk: z.string().trim().min(1).max(200),
  ru: z.string().trim().min(1).max(200),
});

export const createGroupBody = z.discriminatedUnion('level', [
  z.strictObject({
    level: z.literal('republican'),
    names: groupNamesBody.optional(),
    members: z.array(groupMemberBody).max(500).default([]),
  }),
  z.strictObject({
    level: z.literal('regional'),
    region: regionCodeSchema,
    names: groupNamesBody.optional(),
    members: z.array(groupMemberBody).max(500).default([]),
  }),
  z.strictObject({
    level: z.literal('district'),
    district: districtCodeSchema,
    names: groupNamesBody.optional(),
    members: z.array(groupMemberBody).max(500).default([]),
  }),
]);

export const updateGroupBody = z.strictObject({
  names: groupNamesBody,
  members: z.array(groupMemberBody).max(500),
});

export const seedGroupsBody = z.strictObject({ districts: z.array(districtCodeSchema).max(300).default([]) });

export const groupListQuery = z.object({
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  region: regionCodeSchema.optional(),
  level: z.enum(['district', 'regional', 'republican']).optional(),
});

// --- alerts ---

/** The kit's list query (cursor, limit, region, district, dates) with the inbox's own filters. */
const inboxFilters = {
  severity: alertSeveritySchema.optional(),
  status: z.enum(alertStatuses).optional(),
};

export const inboxQuery = listQueryBaseSchema
  .extend({ cursor: z.string().min(1).max(200).optional(), ...inboxFilters })
  .refine(hasOrderedDates, orderedDatesMessage);

/** The inbox as a register: its filters, every page, as CSV or XLSX. */
export const exportAlertsQuery = exportQueryBaseSchema
  .extend(inboxFilters)
  .refine(hasOrderedDates, orderedDatesMessage);

export const acknowledgeAlertBody = z.strictObject({
  note: z.string().trim().max(1000).nullable().default(null),
});

export const resolveAlertBody = z.strictObject({ resolution: z.enum(memberResolutions) });

// --- preferences ---

/** What a member chooses for themself: the language of their alerts and their channels. */
export const memberPreferencesBody = z.strictObject({
  language: memberLanguageSchema,
  channels: z.strictObject({ inbox: z.boolean(), email: z.boolean() }),
  /** An IANA time zone for the times in their alerts; null: Asia/Almaty. */
  timeZone: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/,
      'expected an IANA time zone such as Asia/Almaty',
    )
    .max(64)
    .refine(isTimeZone, 'expected an IANA time zone such as Asia/Almaty')
    .nullable()
    .default(null),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// --- subscription rules ---

export const ruleBody = z.strictObject({
  minSeverity: alertSeveritySchema,
  targets: z.array(z.enum(alertTargetKinds)).min(1).max(alertTargetKinds.length),
  enabled: z.boolean(),
});

// --- people ---

/** `ids=a,b,c`: the users whose display names are asked for, at most 100, each once. */
export const peopleNamesQuery = z.object({
  ids: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(userIdSchema).min(1).max(100)),
});

/** Names only: never an address, a phone or a username. Users without a name are left out. */
export const peopleNamesResponse = z.object({
  items: z.array(z.object({ userId: userIdSchema, name: z.string() })),
});

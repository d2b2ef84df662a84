import { z } from 'zod';
import { userIdSchema } from '../fields.ts';
import {
  alertResolutions,
  alertSeveritySchema,
  alertStatuses,
  alertTargetKinds,
} from '../reference/alert-vocabulary.ts';
import { districtCodeSchema, regionCodeSchema } from '../reference/regions.ts';
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from './list-query.ts';

// notifications' requests: the groups directory, the alert inbox and the subscription rules;
// bodies, path parameters and list queries, validated once at the edge (STYLE.md rule 2).

const pathKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

export const groupIdParams = z.object({ groupId: pathKey });
export const alertIdParams = z.object({ alertId: pathKey });
export const ruleIdParams = z.object({ ruleId: z.string().regex(/^[a-z0-9-]{1,64}$/) });

// --- groups ---

export const groupMemberBody = z.strictObject({
  userId: userIdSchema,
  language: z.enum(['kk', 'ru']),
  inbox: z.boolean().default(true),
  email: z.email().max(254).nullable().default(null),
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
export const inboxQuery = listQueryBaseSchema
  .extend({
    cursor: z.string().min(1).max(200).optional(),
    severity: alertSeveritySchema.optional(),
    status: z.enum(alertStatuses).optional(),
  })
  .refine(hasOrderedDates, orderedDatesMessage);

export const acknowledgeAlertBody = z.strictObject({
  note: z.string().trim().max(1000).nullable().default(null),
});

export const resolveAlertBody = z.strictObject({ resolution: alertResolutions.schema });

// --- subscription rules ---

export const ruleBody = z.strictObject({
  minSeverity: alertSeveritySchema,
  targets: z.array(z.enum(alertTargetKinds)).min(1).max(alertTargetKinds.length),
  enabled: z.boolean(),
});

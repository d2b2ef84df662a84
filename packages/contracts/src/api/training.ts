import { z } from 'zod';
import { dateSchema, idSchema, userIdSchema } from '../fields.ts';
import { caseCategorySchema } from '../reference/case-vocabulary.ts';
import {
  certificationReasons,
  languageSchema,
  mediatorKindSchema,
  mediatorStatusSchema,
} from '../reference/people-vocabulary.ts';
import { regionCodeSchema } from '../reference/regions.ts';
import { listQueryBaseSchema } from './list-query.ts';

// mediator-training's requests: the mediator registry, courses, enrolments and certifications;
// bodies, path parameters and list queries, validated once at the edge (STYLE.md rule 2).

const cursorPage = {
  cursor: listQueryBaseSchema.shape.cursor,
  limit: listQueryBaseSchema.shape.limit,
};

// --- mediators ---

export const mediatorIdParams = z.object({ mediatorId: idSchema });

export const contactsSchema = z.object({
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{5,24}$/, 'expected a phone number')
    .optional(),
  email: z.email().max(200).optional(),
});

const profileFields = {
  homeRegion: regionCodeSchema,
  regions: z.array(regionCodeSchema).max(20),
  // Ceilings above the vocabularies' sizes: repeats are harmless, an endless array is not (issue 9).
  languages: z.array(languageSchema).min(1).max(10),
  specialisations: z.array(caseCategorySchema).max(30),
  status: mediatorStatusSchema,
  kind: mediatorKindSchema,
  /** A volunteer's youth or student assembly in the partner directory. */
  partnerId: idSchema.nullable(),
};

export const registerMediatorBody = z.object({
  userId: userIdSchema,
  name: z.string().trim().min(1).max(200),
  contacts: contactsSchema.optional(),
  ...profileFields,
  regions: profileFields.regions.default([]),
  specialisations: profileFields.specialisations.default([]),
  status: profileFields.status.default('active'),
  kind: profileFields.kind.default('certified'),
  partnerId: profileFields.partnerId.default(null),
});

export const updateMediatorBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    contacts: contactsSchema.nullable(),
    ...profileFields,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });

export const mediatorListQuery = listQueryBaseSchema.omit({ district: true, from: true, to: true }).extend({
  status: mediatorStatusSchema.optional(),
  language: languageSchema.optional(),
  specialisation: caseCategorySchema.optional(),
});

/** Names of mediators by id, for pickers and labels (at most a page's worth at once). */
export const mediatorNamesQuery = z.object({
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
    .pipe(z.array(idSchema).min(1).max(100)),
});
export const mediatorNamesResponse = z.object({
  items: z.array(z.object({ mediatorId: idSchema, name: z.string() })),
});

// --- courses ---

export const courseIdParams = z.object({ courseId: idSchema });

export const courseStatusSchema = z.enum(['open', 'archived']);

const titleSchema = z.object({
  kk: z.string().trim().min(1).max(300),
  ru: z.string().trim().min(1).max(300),
});

/** A course's own fields, as a body sets them and as the API shows them. */
export const courseFields = {
  title: titleSchema,
  modules: z
    .array(z.object({ moduleId: idSchema, title: titleSchema, hours: z.number().int().min(1).max(1_000) }))
    .min(1)
    .max(50),
  requiredHours: z.number().int().min(1).max(10_000),
  passMark: z.number().min(0).max(100),
  validityMonths: z.number().int().min(1).max(120),
  status: courseStatusSchema,
};

export const createCourseBody = z.object({ ...courseFields, status: courseFields.status.default('open') });

export const updateCourseBody = z
  .object(courseFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });

export const courseListQuery = z.object({ ...cursorPage, status: courseStatusSchema.optional() });

// --- enrolments ---

export const enrolmentIdParams = z.object({ enrolmentId: idSchema });

export const enrolmentStatusSchema = z.enum(['enrolled', 'completed', 'failed']);

export const enrolBody = z.object({
  mediatorId: idSchema,
  courseId: idSchema,
  startsOn: dateSchema.optional(),
});
export const attendanceBody = z.object({ moduleId: idSchema, hours: z.number().min(0).max(1_000) });
export const assessmentBody = z.object({ score: z.number().min(0).max(100) });

export const enrolmentListQuery = z.object({
  ...cursorPage,
  mediatorId: idSchema.optional(),
  courseId: idSchema.optional(),
  status: enrolmentStatusSchema.optional(),
});

// --- certifications ---

export const certificationIdParams = z.object({ certificationId: idSchema });

export const certificationStatusSchema = z.enum(['valid', 'suspended', 'revoked', 'expired']);

export const suspendCertificationBody = z.object({
  reason: certificationReasons.schema,
  until: dateSchema.nullable().default(null),
});

export const revokeCertificationBody = z.object({ reason: certificationReasons.schema });

export const certificationListQuery = z.object({
  ...cursorPage,
  region: regionCodeSchema.optional(),
  status: certificationStatusSchema.optional(),
  mediatorId: idSchema.optional(),
  courseId: idSchema.optional(),
  /** Valid certificates whose last day is within this many days from today. */
  expiringWithinDays: z.coerce.number().int().min(0).max(3_650).optional(),
});

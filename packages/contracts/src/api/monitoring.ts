import { z } from 'zod';
import { codeSchema, dateSchema, idSchema, userIdSchema } from '../fields.ts';
import { urgencySchema } from '../reference/case-vocabulary.ts';
import {
  indicatorDirectionSchema,
  maxIndicatorScore,
  recommendationProgress,
  recommendationStates,
  reviewDecisionSchema,
  visitStatusSchema,
} from '../reference/monitoring-vocabulary.ts';
import { districtCodeSchema, isDistrictOf, regionCodeSchema } from '../reference/regions.ts';
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from './list-query.ts';
import { exportQueryBaseSchema } from './register-export.ts';

// regional-monitoring's requests: visits, recommendations and the indicator catalogue.

/** A visit's or a recommendation's id in the path. */
export const monitoringIdParams = z.object({ id: z.string().min(1).max(64) });

export const planVisitBody = z
  .object({
    region: regionCodeSchema,
    districts: z.array(districtCodeSchema).max(50).default([]),
    plannedFrom: dateSchema,
    plannedTo: dateSchema,
    team: z.array(userIdSchema).min(1).max(30),
  })
  .superRefine((body, ctx) => {
    body.districts.forEach((district, index) => {
      if (!isDistrictOf(district, body.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['districts', index],
          message: 'is not a district of the region',
        });
      }
    });
    if (body.plannedFrom > body.plannedTo) {
      ctx.addIssue({ code: 'custom', path: ['plannedTo'], message: 'must not be before plannedFrom' });
    }
  });

export const submitVisitBody = z.object({
  visitedFrom: dateSchema,
  visitedTo: dateSchema,
  findings: z
    .array(
      z.object({
        indicator: codeSchema,
        score: z.number().int().min(0).max(maxIndicatorScore),
        note: z.string().trim().min(1).max(2000).nullable().default(null),
      }),
    )
    .min(1)
    .max(100),
  /** Partners of the Assembly's network met (directory ids, issue 27): of the visit's region. */
  partnersMet: z.array(idSchema).max(50).default([]),
  overallAssessment: z.string().trim().min(1).max(10_000).nullable().default(null),
});

export const reviewVisitBody = z.object({
  decision: reviewDecisionSchema,
  returnReason: codeSchema.nullable().default(null),
  comment: z.string().trim().min(1).max(4000).nullable().default(null),
});

const visitListFilters = { status: visitStatusSchema.optional() };

export const listVisitsQuery = listQueryBaseSchema
  .extend(visitListFilters)
  .refine(hasOrderedDates, orderedDatesMessage);

/** The visits register: the list's filters, the whole list, as CSV or XLSX. */
export const exportVisitsQuery = exportQueryBaseSchema
  .extend(visitListFilters)
  .refine(hasOrderedDates, orderedDatesMessage);

export const issueRecommendationBody = z.object({
  district: districtCodeSchema.nullable().default(null),
  ownerGroupId: idSchema,
  /** A partner of the visit's region that owns it with the group (directory id, issue 27). */
  ownerPartnerId: idSchema.nullable().default(null),
  dueDate: dateSchema,
  priority: urgencySchema.default('medium'),
  indicator: codeSchema.nullable().default(null),
  text: z.string().trim().min(1).max(4000),
});

/** A draft's fields to change (only a draft is edited: an issued recommendation is its owner's). */
export const editRecommendationBody = z.object({
  district: districtCodeSchema.nullable().optional(),
  ownerGroupId: idSchema.optional(),
  ownerPartnerId: idSchema.nullable().optional(),
  dueDate: dateSchema.optional(),
  priority: urgencySchema.optional(),
  indicator: codeSchema.nullable().optional(),
  text: z.string().trim().min(1).max(4000).optional(),
});

export const recommendationProgressBody = z.object({ status: z.enum(recommendationProgress) });

const recommendationListFilters = {
  status: z.enum(recommendationStates).optional(),
  visitId: idSchema.optional(),
  ownerGroupId: idSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
};

export const listRecommendationsQuery = listQueryBaseSchema
  .extend(recommendationListFilters)
  .refine(hasOrderedDates, orderedDatesMessage);

/** The recommendations register: the list's filters, the whole list, as CSV or XLSX. */
export const exportRecommendationsQuery = exportQueryBaseSchema
  .extend(recommendationListFilters)
  .refine(hasOrderedDates, orderedDatesMessage);

const indicatorLabelsSchema = z.object({
  kk: z.string().trim().min(1).max(200),
  ru: z.string().trim().min(1).max(200),
});
const indicatorWeightSchema = z.number().min(0).max(1);

export const addIndicatorBody = z.object({
  code: codeSchema,
  labels: indicatorLabelsSchema,
  direction: indicatorDirectionSchema,
  weight: indicatorWeightSchema,
});

export const editIndicatorBody = z
  .object({
    labels: indicatorLabelsSchema.optional(),
    direction: indicatorDirectionSchema.optional(),
    weight: indicatorWeightSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change something', path: [] });

export const indicatorCodeParams = z.object({ code: codeSchema });

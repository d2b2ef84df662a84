import { z } from 'zod';
import { codeSchema, countSchema, dateSchema, idSchema, katoCodeSchema, userIdSchema } from '../fields.ts';
import { urgencySchema } from '../reference/case-vocabulary.ts';
import { reviewDecisionSchema, riskBandSchema } from '../reference/monitoring-vocabulary.ts';

// Events of the `monitoring` family, published by regional-monitoring. Subject: the visit id, the
// recommendation id, or the region's KATO code for risk events.

const visitRef = {
  visitId: idSchema,
  region: katoCodeSchema,
  districts: z.array(katoCodeSchema),
};

/** Weighted tension of a visit's findings on the indicator catalogue: 0 calm, 100 most tense. */
const findingsScoreSchema = z.number().min(0).max(100);

export const visitPlannedV1 = z.object({
  ...visitRef,
  plannedFrom: dateSchema,
  plannedTo: dateSchema,
  leadSupervisorId: userIdSchema,
  teamSize: countSchema.min(1),
});

export const visitSubmittedV1 = z.object({
  ...visitRef,
  visitedFrom: dateSchema,
  visitedTo: dateSchema,
  indicatorCount: countSchema,
  findingsScore: findingsScoreSchema,
  submittedBy: userIdSchema,
});

export const visitReviewedV1 = z.object({
  ...visitRef,
  decision: reviewDecisionSchema,
  /** Why a visit report was returned; null when approved. */
  returnReason: codeSchema.nullable(),
  findingsScore: findingsScoreSchema,
  reviewedBy: userIdSchema,
});

const recommendationRef = {
  recommendationId: idSchema,
  visitId: idSchema.nullable(),
  region: katoCodeSchema,
  district: katoCodeSchema.nullable(),
  ownerGroupId: idSchema,
  dueDate: dateSchema,
};

export const recommendationIssuedV1 = z.object({
  ...recommendationRef,
  priority: urgencySchema,
  /** The indicator the recommendation addresses, when it addresses one. */
  indicator: codeSchema.nullable(),
  issuedBy: userIdSchema,
});

export const recommendationCompletedV1 = z.object({
  ...recommendationRef,
  completedOn: dateSchema,
  late: z.boolean(),
});

export const recommendationOverdueV1 = z.object({
  ...recommendationRef,
  priority: urgencySchema,
  daysOverdue: countSchema.min(1),
});

/** One factor of the regional risk index. Contribution to the score is `value * weight`. */
export const riskFactorSchema = z.object({
  /** A factor code (reference/monitoring-vocabulary.ts `riskFactors`). */
  name: codeSchema,
  /**
   * The factor's normalised value, 0..1. A factor made of a count is computed from the published
   * count (under 5 counts 0, any other the multiple of 5 at or below it: docs/adr/0011).
   */
  value: z.number().min(0).max(1),
  /** Change of `value` since the previous score. */
  delta: z.number().min(-1).max(1),
  weight: z.number().min(0).max(1),
});

const riskScore = {
  region: katoCodeSchema,
  /** 0..100: the score of `factors` as published; `band` is decided on the exact counts. */
  score: z.number().min(0).max(100),
  band: riskBandSchema,
  previousBand: riskBandSchema.nullable(),
  factors: z.array(riskFactorSchema).min(1),
  /** The window of case signals the score looks at, in days. */
  windowDays: countSchema.min(1),
};

export const regionRiskScoredV1 = z.object(riskScore);

/** Published only when the band moves (with hysteresis); says why. */
export const regionRiskChangedV1 = z.object({
  ...riskScore,
  previousBand: riskBandSchema,
  previousScore: z.number().min(0).max(100),
  direction: z.enum(['rising', 'falling']),
  explanation: z.object({
    /** Factor codes that moved the score most, most influential first. */
    drivers: z.array(codeSchema).min(1),
  }),
});

export const monitoringEvents = {
  'visit.planned.v1': visitPlannedV1,
  'visit.submitted.v1': visitSubmittedV1,
  'visit.reviewed.v1': visitReviewedV1,
  'recommendation.issued.v1': recommendationIssuedV1,
  'recommendation.completed.v1': recommendationCompletedV1,
  'recommendation.overdue.v1': recommendationOverdueV1,
  'region.risk-scored.v1': regionRiskScoredV1,
  'region.risk-changed.v1': regionRiskChangedV1,
} as const;

export type MonitoringEventType = keyof typeof monitoringEvents;

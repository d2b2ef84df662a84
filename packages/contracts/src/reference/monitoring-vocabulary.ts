import type { z } from 'zod';
import { defineVocabulary, type LabelLanguage, type Labels } from './vocabulary.ts';

/** Ordered low to critical. */
export const riskBands = defineVocabulary({
  low: { kk: 'төмен', ru: 'низкий' },
  elevated: { kk: 'көтеріңкі', ru: 'повышенный' },
  high: { kk: 'жоғары', ru: 'высокий' },
  critical: { kk: 'өте жоғары', ru: 'критический' },
});
export const riskBandSchema = riskBands.schema;
export type RiskBand = z.output<typeof riskBandSchema>;

/** Factors of the regional risk index; open codes on the bus, labelled here. */
export const riskFactors = defineVocabulary({
  case_volume: { kk: 'істер саны', ru: 'число обращений' },
  urgent_cases: { kk: 'шұғыл істер', ru: 'срочные дела' },
  escalations: { kk: 'жоғары деңгейге берілген істер', ru: 'эскалации дел' },
  visit_findings: { kk: 'мониторинг сапарының қорытындылары', ru: 'выводы мониторинговых визитов' },
  overdue_recommendations: { kk: 'мерзімі өткен ұсынымдар', ru: 'просроченные рекомендации' },
});

export const visitStatuses = defineVocabulary({
  planned: { kk: 'жоспарланды', ru: 'запланирован' },
  in_progress: { kk: 'жүріп жатыр', ru: 'проводится' },
  submitted: { kk: 'тапсырылды', ru: 'представлен' },
  reviewed: { kk: 'қаралды', ru: 'рассмотрен' },
});
export const visitStatusSchema = visitStatuses.schema;
export type VisitStatus = z.output<typeof visitStatusSchema>;

export const reviewDecisions = defineVocabulary({
  approved: { kk: 'бекітілді', ru: 'утверждён' },
  returned: { kk: 'пысықтауға қайтарылды', ru: 'возвращён на доработку' },
});
export const reviewDecisionSchema = reviewDecisions.schema;
export type ReviewDecision = z.output<typeof reviewDecisionSchema>;

export const indicatorDirections = defineVocabulary({
  escalating: { kk: 'шиеленісті күшейтеді', ru: 'усиливает напряжённость' },
  calming: { kk: 'шиеленісті бәсеңдетеді', ru: 'снижает напряжённость' },
});
export const indicatorDirectionSchema = indicatorDirections.schema;
export type IndicatorDirection = z.output<typeof indicatorDirectionSchema>;

/** A finding scores an indicator from 0 to this. */
export const maxIndicatorScore = 4;

/**
 * What each score 0…maxIndicatorScore means, by the indicator's direction: for an escalating
 * indicator 4 is the most tension, for a calming one 4 is the most calm (DESIGN.md §5).
 */
export const indicatorScales: Readonly<Record<IndicatorDirection, readonly Labels[]>> = {
  escalating: [
    { kk: 'байқалмайды', ru: 'не наблюдается' },
    { kk: 'жекелеген жағдайлар', ru: 'единичные случаи' },
    { kk: 'анық байқалады', ru: 'заметно проявляется' },
    { kk: 'күшті, жиі қайталанады', ru: 'сильно, часто повторяется' },
    { kk: 'өте күшті, шиеленіс ең жоғары', ru: 'очень сильно, напряжённость наибольшая' },
  ],
  calming: [
    { kk: 'жоқ', ru: 'отсутствует' },
    { kk: 'әлсіз', ru: 'слабо' },
    { kk: 'орташа', ru: 'умеренно' },
    { kk: 'күшті', ru: 'сильно' },
    { kk: 'өте күшті, тыныштық ең жоғары', ru: 'очень сильно, спокойствие наибольшее' },
  ],
};

/** The words of `score` on the scale of an indicator with `direction`. */
export function scoreLabel(direction: IndicatorDirection, score: number, language: LabelLanguage): string {
  return indicatorScales[direction][score]?.[language] ?? String(score);
}

/** Where a recommendation's owner has got with it (its status in events adds `overdue`). */
export const recommendationProgress = ['open', 'in_progress', 'done'] as const;
export type RecommendationProgress = (typeof recommendationProgress)[number];

/**
 * A recommendation's status as read: `draft` while its visit is not approved (kept with the visit,
 * issued when the review approves it), then its owner's progress.
 */
export const recommendationStates = ['draft', ...recommendationProgress] as const;
export type RecommendationState = (typeof recommendationStates)[number];

export const recommendationStatuses = defineVocabulary({
  open: { kk: 'орындалуда', ru: 'в работе' },
  completed: { kk: 'орындалды', ru: 'выполнена' },
  overdue: { kk: 'мерзімі өтті', ru: 'просрочена' },
});
export const recommendationStatusSchema = recommendationStatuses.schema;
export type RecommendationStatus = z.output<typeof recommendationStatusSchema>;

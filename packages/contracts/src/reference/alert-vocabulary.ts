import type { z } from 'zod';
import { defineVocabulary } from './vocabulary.ts';

/** Ordered low to critical; each severity has its own acknowledgement deadline (notifications). */
export const alertSeverities = defineVocabulary({
  low: { kk: 'төмен', ru: 'низкий' },
  medium: { kk: 'орташа', ru: 'средний' },
  high: { kk: 'жоғары', ru: 'высокий' },
  critical: { kk: 'өте жоғары', ru: 'критический' },
});
export const alertSeveritySchema = alertSeverities.schema;
export type AlertSeverity = z.output<typeof alertSeveritySchema>;

export const alertChannels = defineVocabulary({
  inbox: { kk: 'жүйедегі кіріс хабарлар', ru: 'входящие в системе' },
  webhook: { kk: 'вебхук', ru: 'вебхук' },
  email: { kk: 'электрондық пошта', ru: 'электронная почта' },
});
export const alertChannelSchema = alertChannels.schema;
export type AlertChannel = z.output<typeof alertChannelSchema>;

/** The tiers of information-and-explanatory groups; an unacknowledged alert climbs them. */
export const groupLevels = defineVocabulary({
  district: { kk: 'аудандық топ', ru: 'районная группа' },
  regional: { kk: 'облыстық топ', ru: 'областная группа' },
  republican: { kk: 'республикалық топ', ru: 'республиканская группа' },
});
export const groupLevelSchema = groupLevels.schema;
export type GroupLevel = z.output<typeof groupLevelSchema>;

export const alertResolutions = defineVocabulary({
  handled: { kk: 'шаралар қабылданды', ru: 'меры приняты' },
  source_closed: { kk: 'бастапқы іс жабылды', ru: 'исходное дело закрыто' },
  false_alarm: { kk: 'жалған дабыл', ru: 'ложная тревога' },
  duplicate: { kk: 'қайталама', ru: 'дубликат' },
});

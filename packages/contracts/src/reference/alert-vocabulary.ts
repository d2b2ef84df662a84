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
  // Set by the system when the alert's matter ends (notifications domain/matter.ts).
  case_closed: { kk: 'іс жабылды', ru: 'дело закрыто' },
  case_declined: { kk: 'істен бас тартылды', ru: 'в деле отказано' },
  case_referred_out: { kk: 'іс басқа органға жіберілді', ru: 'дело передано в другой орган' },
  case_withdrawn: { kk: 'іс кері қайтарылды', ru: 'дело отозвано' },
  certification_renewed: { kk: 'сертификат ұзартылды', ru: 'сертификат продлён' },
  certification_reinstated: { kk: 'сертификат қалпына келтірілді', ru: 'сертификат восстановлен' },
  recommendation_completed: { kk: 'ұсыным орындалды', ru: 'рекомендация выполнена' },
  risk_lowered: { kk: 'тәуекел деңгейі төмендеді', ru: 'уровень риска снизился' },
});

/** The resolutions a member may give; the others are the system's, when the matter ends. */
export const memberResolutions = ['handled', 'source_closed', 'false_alarm', 'duplicate'] as const;

/** An alert's lifecycle: raised → delivered (per channel) → read → acknowledged → resolved. */
export const alertStatuses = ['raised', 'delivered', 'read', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** Whom a subscription rule sends an event's alert to. */
export const alertTargetKinds = [
  /** The event's district group, when one exists. */
  'district',
  /**
   * The group of the case's escalation level: 1 the district group (the region's when the
   * district has none), 2 the regional group, 3 the republican group.
   */
  'case_level',
  /** The event's district group if it exists, else its region's. */
  'district_or_region',
  'region',
  'republic',
  /**
   * The group a recommendation names as its owner; when the directory has no such group (the
   * owner is named by another service), the event's district group, else its region's.
   */
  'owner',
  /** The region groups of every region the mediator covers. */
  'mediator_regions',
  /** The Center's coordinators, who keep the mediator registry. */
  'coordinators',
  /** The supervisors (curators) of the event's region: an audience group of their own. */
  'supervisors',
  /** The mediator the event is about, personally: their own inbox and e-mail. */
  'mediator',
] as const;
export type AlertTargetKind = (typeof alertTargetKinds)[number];

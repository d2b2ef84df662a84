// The words of alert messages in Kazakh, Russian and English: what happened, per source event
// type, and the labels the contracts' vocabularies do not carry in English. Built from codes and
// counts only (events carry no names or free text, so neither do the messages).
import { alertResolutions, alertSeverities } from '@kelisim/contracts/reference/alert-vocabulary';
import { escalationReasons } from '@kelisim/contracts/reference/case-reasons';
import { caseCategories } from '@kelisim/contracts/reference/case-vocabulary';
import { riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { Vocabulary } from '@kelisim/contracts/reference/vocabulary';

export const messageLanguages = ['kk', 'ru', 'en'] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

type Details = Readonly<Record<string, string | number | null>>;
/** Formats a calendar date (`2026-03-01`) in the reader's language. */
export type DateText = (isoDate: string) => string;
type What = (d: Details, date: DateText) => string;

const english = {
  severity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  band: { low: 'low', elevated: 'elevated', high: 'high', critical: 'critical' },
  category: {
    neighbourhood: 'neighbourhood relations',
    land_and_property: 'land and property',
    labour: 'labour relations',
    education: 'education',
    religion: 'religion',
    language: 'language',
    online_speech: 'statements online',
    group_conflict: 'group conflict',
    family: 'family',
    other: 'other',
  },
  reason: {
    violence_risk: 'risk of violence',
    group_involvement: 'groups involved',
    media_attention: 'media attention',
    no_progress: 'no progress',
    beyond_local_capacity: 'beyond local capacity',
    cross_regional: 'several regions affected',
    other: 'another reason',
  },
  resolution: {
    handled: 'handled',
    source_closed: 'the source case was closed',
    false_alarm: 'false alarm',
    duplicate: 'duplicate',
    case_closed: 'the case was closed',
    case_declined: 'the case was declined',
    case_referred_out: 'the case was referred out',
    case_withdrawn: 'the case was withdrawn',
    certification_renewed: 'the certificate was renewed',
    certification_reinstated: 'the certificate was reinstated',
    recommendation_completed: 'the recommendation was completed',
    risk_lowered: 'the risk band went down',
  } as Readonly<Record<string, string>>,
} as const;

function labelOf<V extends string>(
  vocabulary: Vocabulary<V>,
  englishLabels: Readonly<Partial<Record<V, string>>>,
  value: unknown,
  language: MessageLanguage,
): string | null {
  if (typeof value !== 'string' || !(vocabulary.values as readonly string[]).includes(value)) return null;
  const code = value as V;
  return language === 'en' ? (englishLabels[code] ?? null) : vocabulary.label(code, language);
}

export const severityLabel = (value: string, language: MessageLanguage) =>
  labelOf(alertSeverities, english.severity, value, language) ?? value;
export const bandLabel = (value: unknown, language: MessageLanguage) =>
  labelOf(riskBands, english.band, value, language) ?? '';
export const categoryLabel = (value: unknown, language: MessageLanguage) =>
  labelOf(caseCategories, english.category, value, language);
export const reasonLabel = (value: unknown, language: MessageLanguage) =>
  labelOf(escalationReasons, english.reason, value, language);
export const resolutionLabel = (value: unknown, language: MessageLanguage) =>
  labelOf(alertResolutions, english.resolution, value, language);

const n = (d: Details) => d.caseNumber ?? '';
const count = (value: unknown) => (typeof value === 'number' ? String(value) : '?');
const dateOf = (value: unknown, date: DateText) => (typeof value === 'string' ? date(value) : '');

/** What happened, per source event type: the headline of an alert and a line of its timeline. */
const happenings: Record<string, Record<MessageLanguage, What>> = {
  'case.registered.v1': {
    kk: (d) => `Өте шұғыл іс тіркелді: ${n(d)}`,
    ru: (d) => `Зарегистрировано критическое дело ${n(d)}`,
    en: (d) => `Critical case ${n(d)} registered`,
  },
  'case.screened.v1': {
    kk: (d) => `${n(d)} ісі алдын ала қаралды: шұғылдығы «өте жоғары»`,
    ru: (d) => `Дело ${n(d)} рассмотрено: срочность критическая`,
    en: (d) => `Case ${n(d)} screened: urgency critical`,
  },
  'case.escalated.v1': {
    kk: (d) =>
      typeof d.escalationLevel === 'number'
        ? `${n(d)} ісі ${d.escalationLevel}-деңгейге берілді`
        : `${n(d)} ісі жоғары деңгейге берілді`,
    ru: (d) =>
      typeof d.escalationLevel === 'number'
        ? `Дело ${n(d)} передано на уровень ${d.escalationLevel}`
        : `Дело ${n(d)} эскалировано`,
    en: (d) =>
      typeof d.escalationLevel === 'number'
        ? `Case ${n(d)} escalated to level ${d.escalationLevel}`
        : `Case ${n(d)} escalated`,
  },
  'case.follow-up-due.v1': {
    kk: (d) => `${n(d)} ісін қайта тексеру мерзімі келді`,
    ru: (d) => `Наступил срок контроля по делу ${n(d)}`,
    en: (d) => `Follow-up due for case ${n(d)}`,
  },
  'region.risk-changed.v1': {
    kk: (d) => `Өңірдің тәуекел деңгейі көтерілді: ${bandLabel(d.band, 'kk')}`,
    ru: (d) => `Уровень риска региона повысился: ${bandLabel(d.band, 'ru')}`,
    en: (d) => `The region's risk band rose: ${bandLabel(d.band, 'en')}`,
  },
  'recommendation.overdue.v1': {
    kk: (d, date) =>
      `Ұсыным мерзімі өтті (${count(d.daysOverdue)} күн${d.dueDate ? `, мерзімі ${dateOf(d.dueDate, date)}` : ''})`,
    ru: (d, date) =>
      `Рекомендация просрочена (${count(d.daysOverdue)} дн.${d.dueDate ? `, срок ${dateOf(d.dueDate, date)}` : ''})`,
    en: (d, date) =>
      `Recommendation overdue (${count(d.daysOverdue)} days${d.dueDate ? `, due ${dateOf(d.dueDate, date)}` : ''})`,
  },
  'certification.expiring.v1': {
    kk: (d, date) =>
      `Медиатор сертификатының мерзімі ${dateOf(d.validUntil, date)} аяқталады (${count(d.daysLeft)} күн қалды)`,
    ru: (d, date) =>
      `Сертификат медиатора истекает ${dateOf(d.validUntil, date)} (осталось ${count(d.daysLeft)} дн.)`,
    en: (d, date) =>
      `The mediator's certificate expires on ${dateOf(d.validUntil, date)} (${count(d.daysLeft)} days left)`,
  },
  'certification.expired.v1': {
    kk: (d, date) =>
      `Медиатор сертификатының мерзімі ${dateOf(d.validUntil, date)} аяқталды: жаңа істер тағайындалмайды`,
    ru: (d, date) => `Сертификат медиатора истёк ${dateOf(d.validUntil, date)}: новые дела не назначаются`,
    en: (d, date) =>
      `The mediator's certificate expired on ${dateOf(d.validUntil, date)}: no new cases are assigned`,
  },
};

const somethingNew: Record<MessageLanguage, string> = {
  kk: 'Жаңа хабарлама',
  ru: 'Новое оповещение',
  en: 'New alert',
};

/** What the event of `sourceType` says happened; a plain "new alert" for a type without words. */
export function happening(sourceType: string, details: Details, language: MessageLanguage, date: DateText) {
  return happenings[sourceType]?.[language](details, date) ?? somethingNew[language];
}

/** The alert's own steps on its timeline (an event about the matter reads as `happening`). */
export const steps: Record<
  MessageLanguage,
  {
    acknowledged: string;
    escalated: string;
    escalatedIn: string;
    resolved: (why: string | null) => string;
  }
> = {
  kk: {
    acknowledged: 'Расталды',
    escalated: 'Мерзімінде расталмады: жоғары тұрған топқа берілді',
    escalatedIn: 'Төмен тұрған топ мерзімінде растамады: осы топқа берілді',
    resolved: (why) => (why ? `Жабылды: ${why}` : 'Жабылды'),
  },
  ru: {
    acknowledged: 'Подтверждено',
    escalated: 'Не подтверждено в срок: передано вышестоящей группе',
    escalatedIn: 'Нижестоящая группа не подтвердила в срок: передано этой группе',
    resolved: (why) => (why ? `Закрыто: ${why}` : 'Закрыто'),
  },
  en: {
    acknowledged: 'Acknowledged',
    escalated: 'Unacknowledged in time: passed up to the parent group',
    escalatedIn: 'Unacknowledged in time by the group below: passed to this group',
    resolved: (why) => (why ? `Resolved: ${why}` : 'Resolved'),
  },
};

/** The labels of a message's lines. */
export const lineLabels: Record<
  MessageLanguage,
  {
    severity: string;
    category: string;
    reason: string;
    territory: string;
    escalated: (level: number) => string;
    timeline: string;
    raised: string;
    acknowledgeBy: string;
    open: string;
  }
> = {
  kk: {
    severity: 'Маңыздылығы',
    category: 'Санаты',
    reason: 'Себебі',
    territory: 'Аумақ',
    escalated: (level) => `Мерзімінде расталмағандықтан жоғары тұрған топқа берілді (деңгей ${level})`,
    timeline: 'Не болды',
    raised: 'Түскені',
    acknowledgeBy: 'Растау мерзімі',
    open: 'Консольде ашу',
  },
  ru: {
    severity: 'Важность',
    category: 'Категория',
    reason: 'Причина',
    territory: 'Территория',
    escalated: (level) => `Передано вышестоящей группе, так как не подтверждено в срок (уровень ${level})`,
    timeline: 'Что произошло',
    raised: 'Поступило',
    acknowledgeBy: 'Подтвердить до',
    open: 'Открыть в консоли',
  },
  en: {
    severity: 'Severity',
    category: 'Category',
    reason: 'Reason',
    territory: 'Territory',
    escalated: (level) => `Passed up to the parent group, unacknowledged in time (level ${level})`,
    timeline: 'What happened',
    raised: 'Raised',
    acknowledgeBy: 'Acknowledge by',
    open: 'Open in the console',
  },
};

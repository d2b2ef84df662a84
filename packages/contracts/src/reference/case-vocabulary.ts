import { z } from 'zod';
import { defineVocabulary, type Labels } from './vocabulary.ts';

// Vocabularies of a case (DESIGN.md §5, case-intake).

export const caseCategories = defineVocabulary({
  neighbourhood: { kk: 'көршілік қатынастар', ru: 'соседские отношения' },
  land_and_property: { kk: 'жер және мүлік', ru: 'земля и имущество' },
  labour: { kk: 'еңбек қатынастары', ru: 'трудовые отношения' },
  education: { kk: 'білім беру', ru: 'образование' },
  religion: { kk: 'дін', ru: 'религия' },
  language: { kk: 'тіл', ru: 'язык' },
  online_speech: { kk: 'интернеттегі мәлімдемелер', ru: 'высказывания в интернете' },
  group_conflict: { kk: 'топтық қақтығыс', ru: 'групповой конфликт' },
  family: { kk: 'отбасы', ru: 'семья' },
  other: { kk: 'басқа', ru: 'другое' },
});
export const caseCategorySchema = caseCategories.schema;
export type CaseCategory = z.output<typeof caseCategorySchema>;

/** Ordered low to critical. */
export const urgencies = defineVocabulary({
  low: { kk: 'төмен', ru: 'низкий' },
  medium: { kk: 'орташа', ru: 'средний' },
  high: { kk: 'жоғары', ru: 'высокий' },
  critical: { kk: 'өте жоғары', ru: 'критический' },
});
export const urgencySchema = urgencies.schema;
export type Urgency = z.output<typeof urgencySchema>;

/** 0 local, 1 district group, 2 regional group, 3 republican group. */
export const escalationLevels = [0, 1, 2, 3] as const;
export const escalationLevelSchema = z.literal(escalationLevels);
export type EscalationLevel = z.output<typeof escalationLevelSchema>;
export const escalationLevelLabels: Readonly<Record<EscalationLevel, Labels>> = {
  0: { kk: 'жергілікті деңгей', ru: 'местный уровень' },
  1: { kk: 'аудандық топ', ru: 'районная группа' },
  2: { kk: 'облыстық топ', ru: 'областная группа' },
  3: { kk: 'республикалық топ', ru: 'республиканская группа' },
};

export const riskFlags = defineVocabulary({
  violence_threatened: { kk: 'зорлық-зомбылық қаупі', ru: 'угроза насилия' },
  minors_involved: { kk: 'кәмелетке толмағандар қатысады', ru: 'затронуты несовершеннолетние' },
  large_group: { kk: 'қатысушылар тобы үлкен', ru: 'большая группа участников' },
  media_attention: { kk: 'БАҚ назарында', ru: 'внимание СМИ' },
});
export const riskFlagSchema = riskFlags.schema;
export type RiskFlag = z.output<typeof riskFlagSchema>;

export const caseStatuses = defineVocabulary({
  registered: { kk: 'тіркелді', ru: 'зарегистрировано' },
  screening: { kk: 'алдын ала қаралуда', ru: 'первичная оценка' },
  awaiting_consent: { kk: 'келісім күтілуде', ru: 'ожидает согласия' },
  assigned: { kk: 'медиатор тағайындалды', ru: 'назначен медиатор' },
  in_mediation: { kk: 'медиация жүріп жатыр', ru: 'идёт медиация' },
  outcome: { kk: 'нәтиже тіркелді', ru: 'итог зафиксирован' },
  follow_up: { kk: 'кейінгі бақылау', ru: 'последующий контроль' },
  closed: { kk: 'жабылды', ru: 'закрыто' },
  declined: { kk: 'қабылданбады', ru: 'отклонено' },
  referred_out: { kk: 'басқа органға жіберілді', ru: 'передано в другой орган' },
  withdrawn: { kk: 'кері қайтарылды', ru: 'отозвано' },
});
export const caseStatusSchema = caseStatuses.schema;
export type CaseStatus = z.output<typeof caseStatusSchema>;

export const outcomeKinds = defineVocabulary({
  agreement: { kk: 'келісімге қол жеткізілді', ru: 'соглашение достигнуто' },
  partial: { kk: 'ішінара келісім', ru: 'частичное соглашение' },
  none: { kk: 'келісімге қол жеткізілмеді', ru: 'соглашение не достигнуто' },
});
export const outcomeKindSchema = outcomeKinds.schema;
export type OutcomeKind = z.output<typeof outcomeKindSchema>;

/** A party's side in the conflict. */
export const partyRoles = defineVocabulary({
  claimant: { kk: 'өтініш беруші', ru: 'заявитель' },
  respondent: { kk: 'жауапкер', ru: 'ответчик' },
  other: { kk: 'басқа тарап', ru: 'другая сторона' },
});
export const partyRoleSchema = partyRoles.schema;
export type PartyRole = z.output<typeof partyRoleSchema>;

export const partyKinds = defineVocabulary({
  individual: { kk: 'жеке тұлға', ru: 'физическое лицо' },
  group: { kk: 'адамдар тобы', ru: 'группа лиц' },
  organisation: { kk: 'ұйым', ru: 'организация' },
});
export const partyKindSchema = partyKinds.schema;
export type PartyKind = z.output<typeof partyKindSchema>;

export const sessionKinds = defineVocabulary({
  caucus: { kk: 'жеке кездесу', ru: 'раздельная встреча' },
  joint: { kk: 'бірлескен кездесу', ru: 'совместная встреча' },
});
export const sessionKindSchema = sessionKinds.schema;
export type SessionKind = z.output<typeof sessionKindSchema>;

export const followUpResults = defineVocabulary({
  holding: { kk: 'келісім орындалуда', ru: 'соглашение соблюдается' },
  partly_holding: { kk: 'келісім ішінара орындалуда', ru: 'соглашение соблюдается частично' },
  broken: { kk: 'келісім бұзылды', ru: 'соглашение нарушено' },
});
export const followUpResultSchema = followUpResults.schema;
export type FollowUpResult = z.output<typeof followUpResultSchema>;

import type { z } from 'zod';
import { defineVocabulary } from './vocabulary.ts';

export const roles = defineVocabulary({
  mediator: { kk: 'медиатор', ru: 'медиатор' },
  group_member: {
    kk: 'ақпараттық-түсіндіру тобының мүшесі',
    ru: 'член информационно-разъяснительной группы',
  },
  supervisor: { kk: 'куратор', ru: 'куратор' },
  coordinator: { kk: 'оқыту үйлестірушісі', ru: 'координатор обучения' },
  admin: { kk: 'әкімші', ru: 'администратор' },
});
export const roleSchema = roles.schema;
export type Role = z.output<typeof roleSchema>;

/** A party's preferred language and a mediator's working languages. */
export const languages = defineVocabulary({
  kk: { kk: 'қазақ тілі', ru: 'казахский язык' },
  ru: { kk: 'орыс тілі', ru: 'русский язык' },
  other: { kk: 'басқа тіл', ru: 'другой язык' },
});
export const languageSchema = languages.schema;
export type Language = z.output<typeof languageSchema>;

export const mediatorStatuses = defineVocabulary({
  active: { kk: 'белсенді', ru: 'активен' },
  inactive: { kk: 'белсенді емес', ru: 'неактивен' },
});
export const mediatorStatusSchema = mediatorStatuses.schema;
export type MediatorStatus = z.output<typeof mediatorStatusSchema>;

/**
 * A certified professional, or a volunteer from the youth or student assemblies who mediates only
 * low- and medium-urgency cases under a certified supervisor (issue 27).
 */
export const mediatorKinds = defineVocabulary({
  certified: { kk: 'сертификатталған медиатор', ru: 'сертифицированный медиатор' },
  volunteer: { kk: 'ерікті медиатор', ru: 'медиатор-волонтёр' },
});
export const mediatorKindSchema = mediatorKinds.schema;
export type MediatorKind = z.output<typeof mediatorKindSchema>;

/** Reasons to suspend or revoke a certification; open codes on the bus (see case-reasons.ts). */
export const certificationReasons = defineVocabulary({
  complaint_under_review: { kk: 'шағым қаралуда', ru: 'рассматривается жалоба' },
  ethics_breach: { kk: 'әдеп нормаларын бұзу', ru: 'нарушение этических норм' },
  misconduct: { kk: 'теріс қылық', ru: 'ненадлежащее поведение' },
  false_information: { kk: 'жалған мәліметтер', ru: 'ложные сведения' },
  mediator_request: { kk: 'медиатордың өтініші', ru: 'просьба медиатора' },
  other: { kk: 'басқа себеп', ru: 'иная причина' },
});

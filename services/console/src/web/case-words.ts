// Names of case commands and case events in Kazakh and Russian, for the case page's buttons and
// timeline. The contracts name states and reasons; what people do to a case is the console's word.
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';

export const caseCommands = defineVocabulary({
  screen: { kk: 'алдын ала қарау', ru: 'провести первичную оценку' },
  decline: { kk: 'қабылдамау', ru: 'отклонить' },
  'refer-out': { kk: 'басқа органға жіберу', ru: 'передать в другой орган' },
  'record-consent': { kk: 'келісімді жазу', ru: 'записать согласие' },
  assign: { kk: 'медиатор тағайындау', ru: 'назначить медиатора' },
  'record-session': { kk: 'сессияны жазу', ru: 'записать сессию' },
  escalate: { kk: 'жоғары беру', ru: 'эскалировать' },
  'record-outcome': { kk: 'нәтижені жазу', ru: 'записать итог' },
  'follow-up': { kk: 'бақылауды жазу', ru: 'записать контроль' },
  close: { kk: 'жабу', ru: 'закрыть' },
  reopen: { kk: 'қайта ашу', ru: 'возобновить' },
  withdraw: { kk: 'кері қайтару', ru: 'отозвать' },
  // Not a step of the case's course: a party may withdraw consent in any state (their data is erased).
  'withdraw-consent': { kk: 'тараптың келісімін кері алу', ru: 'отзыв согласия стороны' },
});
export type CaseCommand = (typeof caseCommands.values)[number];

export const caseEvents = defineVocabulary({
  'case.registered': { kk: 'іс тіркелді', ru: 'дело зарегистрировано' },
  'case.screened': { kk: 'алдын ала қаралды', ru: 'проведена первичная оценка' },
  'case.declined': { kk: 'қабылданбады', ru: 'отклонено' },
  'case.referred-out': { kk: 'басқа органға жіберілді', ru: 'передано в другой орган' },
  'case.consent-recorded': { kk: 'келісім жазылды', ru: 'записано согласие' },
  'case.mediator-assigned': { kk: 'медиатор тағайындалды', ru: 'назначен медиатор' },
  'case.session-held': { kk: 'сессия өтті', ru: 'проведена сессия' },
  'case.escalated': { kk: 'жоғары берілді', ru: 'эскалировано' },
  'case.outcome-recorded': { kk: 'нәтиже жазылды', ru: 'записан итог' },
  'case.follow-up-due': { kk: 'бақылау мерзімі келді', ru: 'наступил срок контроля' },
  'case.followed-up': { kk: 'бақылау жүргізілді', ru: 'проведён контроль' },
  'case.closed': { kk: 'жабылды', ru: 'закрыто' },
  'case.reopened': { kk: 'қайта ашылды', ru: 'возобновлено' },
  'case.withdrawn': { kk: 'кері қайтарылды', ru: 'отозвано' },
  'case.duplicate-suspected': { kk: 'қайталану күдігі', ru: 'подозрение на дубликат' },
  'case.party-data-erased': {
    kk: 'тараптың дербес деректері жойылды',
    ru: 'персональные данные стороны удалены',
  },
});

/** `case.registered.v1` → its label; an unknown type shows as itself. */
export function eventLabel(type: string, lang: 'kk' | 'ru'): string {
  const name = type.replace(/\.v\d+$/, '') as (typeof caseEvents.values)[number];
  return caseEvents.labels[name]?.[lang] ?? type;
}

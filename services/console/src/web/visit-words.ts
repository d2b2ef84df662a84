// Names of visit commands in Kazakh and Russian, for what the visit page says it did.
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';

export const visitCommands = defineVocabulary({
  start: { kk: 'сапарды бастау', ru: 'начать визит' },
  submit: { kk: 'қорытындыларды тапсыру', ru: 'представить выводы' },
  review: { kk: 'сапарды қарау', ru: 'рассмотреть визит' },
  'issue-recommendation': { kk: 'ұсыным беру', ru: 'выдать рекомендацию' },
});
export type VisitCommandName = (typeof visitCommands.values)[number];

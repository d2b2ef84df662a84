import type { z } from 'zod';
import { defineVocabulary } from './vocabulary.ts';

// The Assembly of People of Kazakhstan's network that Kelisim works with (DESIGN.md §10, issue 27):
// the kinds of partner organisation, and the communities an ethnocultural association represents.

export const partnerKinds = defineVocabulary({
  ethnocultural_association: { kk: 'этномәдени бірлестік', ru: 'этнокультурное объединение' },
  regional_assembly: { kk: 'өңірлік ассамблея', ru: 'региональная ассамблея' },
  district_assembly: { kk: 'аудандық ассамблея', ru: 'районная ассамблея' },
  council_of_elders: { kk: 'ақсақалдар кеңесі', ru: 'совет старейшин' },
  council_of_mothers: { kk: 'аналар кеңесі', ru: 'совет матерей' },
  house_of_friendship: { kk: 'достық үйі', ru: 'дом дружбы' },
  youth_assembly: { kk: 'Ассамблея жастары', ru: 'молодёжная ассамблея' },
  student_assembly: { kk: 'студенттік ассамблея', ru: 'студенческая ассамблея' },
  other: { kk: 'басқа ұйым', ru: 'другая организация' },
});
export const partnerKindSchema = partnerKinds.schema;
export type PartnerKind = z.output<typeof partnerKindSchema>;

/** Kinds whose members may volunteer as mediators (issue 27). */
export const volunteerPartnerKinds: readonly PartnerKind[] = ['youth_assembly', 'student_assembly'];

export const partnerStatuses = defineVocabulary({
  active: { kk: 'белсенді', ru: 'действует' },
  inactive: { kk: 'белсенді емес', ru: 'не действует' },
});
export const partnerStatusSchema = partnerStatuses.schema;
export type PartnerStatus = z.output<typeof partnerStatusSchema>;

/**
 * Communities an ethnocultural association represents: a closed reference list, so that a
 * directory entry never carries free text about ethnicity. The codes are those a consented party
 * community may use as well.
 */
export const communities = defineVocabulary({
  kazakh: { kk: 'қазақтар', ru: 'казахи' },
  russian: { kk: 'орыстар', ru: 'русские' },
  uzbek: { kk: 'өзбектер', ru: 'узбеки' },
  ukrainian: { kk: 'украиндар', ru: 'украинцы' },
  uyghur: { kk: 'ұйғырлар', ru: 'уйгуры' },
  tatar: { kk: 'татарлар', ru: 'татары' },
  german: { kk: 'немістер', ru: 'немцы' },
  korean: { kk: 'кәрістер', ru: 'корейцы' },
  turkish: { kk: 'түріктер', ru: 'турки' },
  azerbaijani: { kk: 'әзербайжандар', ru: 'азербайджанцы' },
  belarusian: { kk: 'беларустар', ru: 'белорусы' },
  dungan: { kk: 'дүнгендер', ru: 'дунгане' },
  kurdish: { kk: 'күрдтер', ru: 'курды' },
  tajik: { kk: 'тәжіктер', ru: 'таджики' },
  polish: { kk: 'поляктар', ru: 'поляки' },
  chechen: { kk: 'шешендер', ru: 'чеченцы' },
  kyrgyz: { kk: 'қырғыздар', ru: 'кыргызы' },
  bashkir: { kk: 'башқұрттар', ru: 'башкиры' },
  armenian: { kk: 'армяндар', ru: 'армяне' },
  greek: { kk: 'гректер', ru: 'греки' },
  jewish: { kk: 'еврейлер', ru: 'евреи' },
  chuvash: { kk: 'чуваштар', ru: 'чуваши' },
  moldovan: { kk: 'молдовандар', ru: 'молдаване' },
  ingush: { kk: 'ингуштар', ru: 'ингуши' },
  georgian: { kk: 'грузиндер', ru: 'грузины' },
  bulgarian: { kk: 'болгарлар', ru: 'болгары' },
  lithuanian: { kk: 'литвалықтар', ru: 'литовцы' },
  turkmen: { kk: 'түрікмендер', ru: 'туркмены' },
  mordvin: { kk: 'мордвалар', ru: 'мордва' },
  other: { kk: 'басқа этнос', ru: 'другой этнос' },
});
export const communitySchema = communities.schema;
export type Community = z.output<typeof communitySchema>;

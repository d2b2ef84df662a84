// Refusals of visits, findings, recommendations and statistics in Kazakh and Russian, by the codes
// thrown here (issue 25). English stays the detail they are thrown with.
import { type ProblemMembers, problemTexts } from '@kelisim/service-kit/problem-language';

/** The request field a partner reference came in, as the problem's `field` member names it. */
const field = (members: ProblemMembers): string => String(members.field ?? 'partnerId');

export const monitoringProblemTexts = problemTexts({
  'visit.not_found': { kk: 'Сапар табылмады.', ru: 'Выезд не найден.' },
  'recommendation.not_found': { kk: 'Ұсыным табылмады.', ru: 'Рекомендация не найдена.' },
  'indicator.not_found': { kk: 'Көрсеткіш табылмады.', ru: 'Показатель не найден.' },
  'region.not_found': {
    kk: 'Сіздің аумағыңызда мұндай өңір не аудан жоқ.',
    ru: 'На вашей территории нет такого региона или района.',
  },
  'district.not_found': { kk: 'Аудан табылмады.', ru: 'Район не найден.' },
  'indicator.exists': { kk: 'Мұндай көрсеткіш бұрыннан бар.', ru: 'Такой показатель уже есть.' },
  'partner.unknown': {
    kk: (m) => `${field(m)}: мұндай белсенді серіктес ұйым анықтамалықта жоқ.`,
    ru: (m) => `${field(m)}: такой действующей организации-партнёра нет в справочнике.`,
    en: (m) => `${field(m)}: no active partner with this id is in the directory.`,
  },
  'partner.out_of_territory': {
    kk: (m) => `${field(m)}: серіктес ұйым сапар өңірінде жұмыс істемейді.`,
    ru: (m) => `${field(m)}: организация-партнёр работает не в регионе выезда.`,
    en: (m) => `${field(m)}: the partner works in another region than the visit.`,
  },
  'visit.dates_invalid': {
    kk: 'Сапар басталмай тұрып аяқтала алмайды.',
    ru: 'Выезд не может закончиться раньше, чем начался.',
  },
  'visit.invalid_transition': {
    kk: 'Сапардың қазіргі күйінде бұл әрекетті орындауға болмайды.',
    ru: 'В текущем состоянии выезда это действие невозможно.',
  },
  'visit.not_in_team': {
    kk: 'Мұны тек сапар тобы жасай алады.',
    ru: 'Это может сделать только команда выезда.',
  },
  'visit.self_review': {
    kk: 'Сапар тобының мүшесі оны тексере алмайды.',
    ru: 'Участник команды выезда не может его проверять.',
  },
  'visit.out_of_territory': {
    kk: 'Сапар тек өз өңірлеріңізде жоспарланады.',
    ru: 'Выезд можно запланировать только в своих регионах.',
  },
  'visit.return_reason_missing': {
    kk: 'Сапарды қайтарғанда себебін немесе түсініктеме жазыңыз.',
    ru: 'При возврате выезда укажите причину или комментарий.',
  },
  'visit.findings_invalid': {
    kk: 'Әр белсенді көрсеткішке бір рет қана баға қойылады.',
    ru: 'Каждый действующий показатель оценивается ровно один раз.',
  },
  'recommendation.visit_not_ready': {
    kk: 'Ұсыным тек тапсырылған немесе бекітілген сапардан беріледі.',
    ru: 'Рекомендация выдаётся только по сданному или утверждённому выезду.',
  },
  'recommendation.district_not_visited': {
    kk: 'Бұл аудан сапарға кірмеген.',
    ru: 'Этот район не входил в выезд.',
  },
  'recommendation.due_in_past': { kk: 'Орындау мерзімі өтіп кеткен.', ru: 'Срок исполнения уже прошёл.' },
  'recommendation.issued': {
    kk: 'Тек жобаны өзгертуге болады; бұл ұсыным берілген.',
    ru: 'Изменить можно только черновик; эта рекомендация уже выдана.',
  },
  'recommendation.draft': {
    kk: 'Жоба сапар бекітілгеннен кейін ғана беріледі.',
    ru: 'Черновик выдаётся только после утверждения выезда.',
  },
  'recommendation.done': {
    kk: 'Орындалған ұсынымды қайта ашуға болмайды.',
    ru: 'Выполненную рекомендацию нельзя открыть снова.',
  },
  'recommendation.not_owner': {
    kk: 'Ұсынымды тек жауапты топ немесе супервайзер жаңарта алады.',
    ru: 'Обновить рекомендацию может только ответственная группа или супервайзер.',
  },
});

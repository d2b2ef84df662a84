// The case rules' refusals in Kazakh and Russian, by the codes thrown in the decide functions
// (issue 25). English stays the detail they are thrown with, except where it lists machine words.
import { assignmentConditions } from '@kelisim/contracts/reference/case-reasons';
import { listOf, type ProblemMembers, problemTexts, wordsFor } from '@kelisim/service-kit/problem-language';
import type { AssignmentCondition } from './assignment-guard.ts';

// The failed conditions in the same words as the console's mediator picker (contracts' vocabulary).
const conditionWords = {
  kk: Object.fromEntries(assignmentConditions.values.map((c) => [c, assignmentConditions.label(c, 'kk')])),
  ru: Object.fromEntries(assignmentConditions.values.map((c) => [c, assignmentConditions.label(c, 'ru')])),
  en: {
    mediator_known: 'not in the registry',
    mediator_active: 'not active',
    all_parties_consented: 'not every party has consented',
    valid_certification: 'no valid certification',
    covers_region: 'does not work in this region',
    speaks_party_language: "does not speak a party's language",
    not_a_party: 'is a party to the case',
    volunteer_urgency: 'a volunteer takes only low- and medium-urgency cases',
    certified_supervisor: 'a volunteer needs a certified mediator as supervisor on the case',
  } satisfies Record<AssignmentCondition, string>,
};

/** The request field a partner reference came in, as the problem's `field` member names it. */
const field = (members: ProblemMembers): string => String(members.field ?? 'partnerId');

const failed = (language: 'kk' | 'ru' | 'en') => (members: ProblemMembers) =>
  listOf(wordsFor(members, 'failedConditions', conditionWords[language]), language);

export const caseProblemTexts = problemTexts({
  'case.not_found': { kk: 'Іс табылмады.', ru: 'Дело не найдено.' },
  'case.illegal_command': {
    kk: 'Істің қазіргі күйінде бұл әрекетті орындауға болмайды.',
    ru: 'В текущем состоянии дела это действие невозможно.',
  },
  'case.document_personal_data': {
    kk: 'Келісімде тараптардың аттары бар: оны тек оларды көруге құқығы барлар басып шығарады.',
    ru: 'В соглашении названы стороны: распечатать его может только тот, кому разрешено их видеть.',
  },
  'case.no_written_agreement': {
    kk: 'Бұл істе басып шығаруға болатын жазбаша келісім жоқ.',
    ru: 'В деле нет письменного соглашения для печати.',
  },
  'assignment.refused': {
    kk: (members) => `Медиаторды тағайындау мүмкін емес: ${failed('kk')(members)}.`,
    ru: (members) => `Нельзя назначить медиатора: ${failed('ru')(members)}.`,
    en: (members) => `The mediator cannot be assigned: ${failed('en')(members)}.`,
  },
  'assignment.already_assigned': {
    kk: 'Бұл медиатор осы іске бұрын тағайындалған.',
    ru: 'Этот медиатор уже назначен на дело.',
  },
  'partner.unknown': {
    kk: (m) => `${field(m)}: мұндай белсенді серіктес ұйым анықтамалықта жоқ.`,
    ru: (m) => `${field(m)}: такой действующей организации-партнёра нет в справочнике.`,
    en: (m) => `${field(m)}: no active partner with this id is in the directory.`,
  },
  'partner.out_of_territory': {
    kk: (m) => `${field(m)}: серіктес ұйым істің өңірінде жұмыс істемейді.`,
    ru: (m) => `${field(m)}: организация-партнёр работает не в регионе дела.`,
    en: (m) => `${field(m)}: the partner works in another region than the case.`,
  },
  'consent.unknown_party': { kk: 'Бұл істе мұндай тарап жоқ.', ru: 'В деле нет такой стороны.' },
  'consent.community_without_consent': {
    kk: 'Қауымдастық тарап келісім берген жағдайда ғана жазылады.',
    ru: 'Сообщество указывается, только если сторона дала на это согласие.',
  },
  'escalation.not_higher': {
    kk: 'Іс бұл деңгейге бұрын жеткізілген. Жоғарырақ деңгейді таңдаңыз.',
    ru: 'Дело уже на этом уровне эскалации. Выберите более высокий уровень.',
  },
  'session.unknown_party': {
    kk: 'Қатысушылардың бірі істің тарапы емес.',
    ru: 'Один из участников не является стороной дела.',
  },
  'session.in_future': {
    kk: 'Кездесу өткеннен кейін ғана жазылады.',
    ru: 'Встречу можно записать только после того, как она прошла.',
  },
  'outcome.agreement_text_required': {
    kk: 'Келісіммен аяқталған іске келісім мәтінін енгізіңіз.',
    ru: 'Для исхода «соглашение» нужен текст соглашения.',
  },
  'outcome.follow_up_not_in_future': {
    kk: 'Қайта тексеру күні бүгіннен кейін болуы керек.',
    ru: 'Дата повторной проверки должна быть позже сегодняшнего дня.',
  },
  'follow_up.in_future': {
    kk: 'Қайта тексеру өткеннен кейін ғана жазылады.',
    ru: 'Повторную проверку можно записать только после того, как она прошла.',
  },
  'follow_up.not_due': {
    kk: 'Бұл іс бойынша қазір қайта тексеру қажет емес.',
    ru: 'По этому делу сейчас не нужна повторная проверка.',
  },
  'erasure.already_erased': {
    kk: 'Бұл тараптың дербес деректері бұрын өшірілген.',
    ru: 'Персональные данные этой стороны уже удалены.',
  },
  'erasure.not_due': {
    kk: 'Деректерді әлі өшіруге болмайды: іс ашық, сақтау мерзімі өтпеген немесе деректер бұрын өшірілген.',
    ru: 'Данные пока нельзя удалить: дело открыто, срок хранения не истёк или данные уже удалены.',
  },
});

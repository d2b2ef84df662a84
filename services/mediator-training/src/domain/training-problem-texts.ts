// Refusals of the registry, courses, enrolments and certifications in Kazakh and Russian, by the
// codes thrown here (issue 25). English stays the detail they are thrown with.
import { type ProblemMembers, problemTexts } from '@kelisim/service-kit/problem-language';

const count = (members: ProblemMembers, member: string): number => {
  const value = members[member];
  if (typeof value !== 'number') throw new Error(`no ${member}`);
  return value;
};

export const trainingProblemTexts = problemTexts({
  'mediator.not_found': { kk: 'Медиатор табылмады.', ru: 'Медиатор не найден.' },
  'course.not_found': { kk: 'Курс табылмады.', ru: 'Курс не найден.' },
  'enrolment.not_found': { kk: 'Курсқа жазылу табылмады.', ru: 'Запись на курс не найдена.' },
  'certification.not_found': { kk: 'Сертификат табылмады.', ru: 'Сертификат не найден.' },
  'partner.not_found': { kk: 'Серіктес ұйым табылмады.', ru: 'Организация-партнёр не найдена.' },
  'mediator.volunteer_without_assembly': {
    kk: 'partnerId: ерікті медиатор өзінің жастар немесе студенттік ассамблеясын көрсетуі керек.',
    ru: 'partnerId: медиатор-волонтёр должен указать свою молодёжную или студенческую ассамблею.',
    en: 'partnerId: a volunteer mediator names their youth or student assembly.',
  },
  'mediator.assembly_unknown': {
    kk: 'partnerId: мұндай белсенді серіктес ұйым анықтамалықта жоқ.',
    ru: 'partnerId: такой действующей организации-партнёра нет в справочнике.',
    en: 'partnerId: no active partner with this id is in the directory.',
  },
  'mediator.assembly_not_youth_or_student': {
    kk: 'partnerId: ерікті медиатордың ұйымы Ассамблея жастары немесе студенттік ассамблея болуы керек.',
    ru: 'partnerId: организация медиатора-волонтёра должна быть молодёжной или студенческой ассамблеей.',
    en: "partnerId: a volunteer's partner must be a youth or student assembly.",
  },
  'mediator.assembly_for_volunteers_only': {
    kk: 'partnerId: ассамблеяны тек ерікті медиатор көрсетеді.',
    ru: 'partnerId: ассамблею указывает только медиатор-волонтёр.',
    en: 'partnerId: only a volunteer mediator names a youth or student assembly.',
  },
  'mediator.user_already_registered': {
    kk: 'Бұл пайдаланушы медиатор ретінде бұрын тіркелген.',
    ru: 'Этот пользователь уже зарегистрирован как медиатор.',
  },
  'enrolment.already_enrolled': {
    kk: 'Медиатор бұл курсқа бұрын жазылған.',
    ru: 'Медиатор уже записан на этот курс.',
  },
  'enrolment.closed': { kk: 'Бұл курсқа жазылу аяқталған.', ru: 'Эта запись на курс уже завершена.' },
  'enrolment.mediator_inactive': {
    kk: 'Курсқа тек белсенді медиатор жазыла алады.',
    ru: 'Записаться на курс может только активный медиатор.',
  },
  'enrolment.course_closed': { kk: 'Бұл курсқа жазылу ашық емес.', ru: 'Запись на этот курс закрыта.' },
  'enrolment.unknown_mediator': { kk: 'Мұндай медиатор жоқ.', ru: 'Такого медиатора нет.' },
  'enrolment.unknown_course': { kk: 'Мұндай курс жоқ.', ru: 'Такого курса нет.' },
  'enrolment.unknown_module': { kk: 'Курста мұндай модуль жоқ.', ru: 'В курсе нет такого модуля.' },
  'enrolment.hours_exceed_module': {
    kk: 'Сағат саны модульдің сағатынан асып кетті.',
    ru: 'Часов больше, чем в модуле.',
  },
  'course.duplicate_module': {
    kk: 'Әр модульдің өз идентификаторы болуы керек.',
    ru: 'У каждого модуля должен быть свой идентификатор.',
  },
  'course.required_hours_exceed_modules': {
    kk: 'Міндетті сағаттар модульдердің жалпы сағатынан көп.',
    ru: 'Обязательных часов больше, чем всего часов в модулях.',
  },
  'certification.invalid_transition': {
    kk: 'Сертификаттың қазіргі күйінде бұл әрекетті орындауға болмайды.',
    ru: 'В текущем состоянии сертификата это действие невозможно.',
  },
  'certification.suspension_ends_in_past': {
    kk: 'Тоқтата тұру бүгіннен ерте аяқтала алмайды.',
    ru: 'Приостановка не может закончиться раньше сегодняшнего дня.',
  },
  'certification.renewal_needs_practice': {
    kk: (m) =>
      `Ұзарту үшін нәтижемен жабылған ${count(m, 'required')} іс керек; медиаторда ${count(m, 'practiceCaseCount')}.`,
    ru: (m) =>
      `Для продления нужно ${count(m, 'required')} дел, закрытых с результатом; у медиатора ${count(m, 'practiceCaseCount')}.`,
  },
});

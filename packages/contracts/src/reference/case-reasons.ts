import { defineVocabulary } from './vocabulary.ts';

// Reason codes of case events. Events carry them as open codes (fields.ts `codeSchema`) so that a
// new reason is an additive change; write endpoints accept only the codes listed here.

export const declineReasons = defineVocabulary({
  not_a_dispute: { kk: 'дау жоқ', ru: 'отсутствует спор' },
  not_interethnic: { kk: 'этносаралық сипаты жоқ', ru: 'нет межэтнического характера' },
  insufficient_information: { kk: 'ақпарат жеткіліксіз', ru: 'недостаточно информации' },
  party_refused_mediation: { kk: 'тарап медиациядан бас тартты', ru: 'сторона отказалась от медиации' },
  other: { kk: 'басқа себеп', ru: 'иная причина' },
});

/** Outside the scope of the mediation law (Law of the RK «On Mediation», art. 1). */
export const referralReasons = defineVocabulary({
  state_body_is_party: {
    kk: 'тараптардың бірі — мемлекеттік орган',
    ru: 'одна из сторон — государственный орган',
  },
  criminal_offence: { kk: 'қылмыстық құқық бұзушылық белгілері', ru: 'признаки уголовного правонарушения' },
  court_proceedings: { kk: 'сот ісі жүріп жатыр', ru: 'идёт судебное разбирательство' },
  other_competence: { kk: 'басқа органның құзыреті', ru: 'компетенция другого органа' },
});

export const referralTargets = defineVocabulary({
  law_enforcement: { kk: 'құқық қорғау органдары', ru: 'правоохранительные органы' },
  akimat: { kk: 'әкімдік', ru: 'акимат' },
  court: { kk: 'сот', ru: 'суд' },
  social_services: { kk: 'әлеуметтік қызметтер', ru: 'социальные службы' },
  /** A partner of the Assembly's network, named by `partnerId` (issue 27). */
  partner: { kk: 'серіктес ұйым', ru: 'организация-партнёр' },
  other: { kk: 'басқа орган', ru: 'иной орган' },
});

export const escalationReasons = defineVocabulary({
  violence_risk: { kk: 'зорлық-зомбылық қаупі', ru: 'риск насилия' },
  group_involvement: { kk: 'топтардың қатысуы', ru: 'вовлечение групп' },
  media_attention: { kk: 'БАҚ назары', ru: 'внимание СМИ' },
  no_progress: { kk: 'ілгерілеу жоқ', ru: 'нет продвижения' },
  beyond_local_capacity: { kk: 'жергілікті мүмкіндіктен тыс', ru: 'вне возможностей местного уровня' },
  cross_regional: { kk: 'бірнеше өңірді қамтиды', ru: 'затрагивает несколько регионов' },
  other: { kk: 'басқа себеп', ru: 'иная причина' },
});

export const withdrawalReasons = defineVocabulary({
  consent_withdrawn: { kk: 'тарап келісімін қайтарып алды', ru: 'сторона отозвала согласие' },
  settled_by_parties: { kk: 'тараптар өздері келісті', ru: 'стороны договорились сами' },
  party_unreachable: { kk: 'тараппен байланыс жоқ', ru: 'нет связи со стороной' },
  other: { kk: 'басқа себеп', ru: 'иная причина' },
});

export const reopenReasons = defineVocabulary({
  agreement_breached: { kk: 'келісім бұзылды', ru: 'соглашение нарушено' },
  new_incident: { kk: 'жаңа оқиға', ru: 'новый инцидент' },
  party_request: { kk: 'тараптың өтініші', ru: 'просьба стороны' },
  other: { kk: 'басқа себеп', ru: 'иная причина' },
});

/**
 * Why a mediator may not be assigned to a case (DESIGN.md §5, flow 2): the codes case-intake
 * names in a refused assignment and in the eligible mediators of a case.
 */
export const assignmentConditions = defineVocabulary({
  mediator_known: { kk: 'медиатор тізілімде жоқ', ru: 'медиатора нет в реестре' },
  mediator_active: { kk: 'медиатор белсенді емес', ru: 'медиатор не активен' },
  all_parties_consented: {
    kk: 'барлық тараптар келісім бермеген',
    ru: 'не все стороны дали согласие',
  },
  valid_certification: { kk: 'жарамды сертификаты жоқ', ru: 'нет действующего сертификата' },
  covers_region: { kk: 'бұл өңірде жұмыс істемейді', ru: 'не работает в этом регионе' },
  speaks_party_language: {
    kk: 'тараптардың тілінде сөйлемейді',
    ru: 'не говорит на языке сторон',
  },
  not_a_party: { kk: 'істің тарапы', ru: 'является стороной дела' },
  volunteer_urgency: {
    kk: 'ерікті медиатор тек төмен және орташа шұғылдықтағы істерді алады',
    ru: 'волонтёр берёт только дела низкой и средней срочности',
  },
  certified_supervisor: {
    kk: 'ерікті медиаторға істе сертификатталған медиатор-жетекші керек',
    ru: 'волонтёру нужен сертифицированный медиатор-куратор по делу',
  },
});
export const assignmentConditionSchema = assignmentConditions.schema;

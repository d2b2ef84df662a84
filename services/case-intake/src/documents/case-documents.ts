// The case's printable documents, in Kazakh or Russian: the written agreement laid out to be
// signed by the parties and the mediator, and a summary of the case. Built from a case whose
// personal fields the caller may see already opened (`names` and `agreement` null otherwise).
import { dayOf } from '@kelisim/contracts/calendar';
import {
  caseCategories,
  caseStatuses,
  escalationLevelLabels,
  outcomeKinds,
  partyRoles,
  sessionKinds,
  urgencies,
} from '@kelisim/contracts/reference/case-vocabulary';
import { findDistrict, findRegion } from '@kelisim/contracts/reference/regions';
import type { LabelLanguage } from '@kelisim/contracts/reference/vocabulary';
import type { DocumentBlock, PrintableDocument } from '@kelisim/service-kit/documents/printable-document';
import type { CaseState } from '../domain/case-types.ts';

export type OpenedCase = {
  state: CaseState;
  /** Each party's name by party id, or null where it may not be shown or was erased. */
  names: ReadonlyMap<string, string | null>;
  agreement: string | null;
  /** The assigned mediator's name, or null where mediator-training did not give it. */
  mediatorName: string | null;
};

const words = {
  kk: {
    agreementTitle: 'Медиативтік келісім',
    summaryTitle: 'Іс бойынша анықтама',
    caseNumber: 'Іс нөмірі',
    date: 'Күні',
    region: 'Облыс',
    district: 'Аудан',
    locality: 'Елді мекен',
    category: 'Санаты',
    urgency: 'Шұғылдығы',
    status: 'Мәртебесі',
    escalation: 'Деңгейі',
    registered: 'Тіркелген күні',
    parties: 'Тараптар',
    party: 'Тарап',
    mediator: 'Медиатор',
    nameToWrite: '____________________________',
    nameNotGiven: 'аты берілмеді',
    terms: 'Келісім шарттары',
    preamble:
      'Төменде қол қойған тараптар медиатордың қатысуымен өткен медиация нәтижесінде өздерінің ерікті келісімімен мына шарттарды қабылдады:',
    closing:
      'Келісім тараптардың әрқайсысына бір данадан берілетін тең күші бар даналарда жасалды. Тараптар оны ерікті түрде орындауға міндеттенеді.',
    signatures: 'Тараптардың қолдары',
    signature: 'қолы',
    signedOn: 'күні',
    sessions: 'Кездесулер',
    sessionNo: '№',
    kind: 'Түрі',
    heldOn: 'Өткізілген күні',
    minutes: 'Ұзақтығы, мин',
    outcome: 'Нәтижесі',
    followUp: 'Кейінгі бақылау',
    none: '—',
    nameHidden: 'аты көрсетілмейді',
    noSessions: 'Кездесулер әлі өткізілген жоқ.',
    footer: 'Kelisim · этномедиация істерін есепке алу жүйесі',
  },
  ru: {
    agreementTitle: 'Медиативное соглашение',
    summaryTitle: 'Справка по делу',
    caseNumber: 'Номер дела',
    date: 'Дата',
    region: 'Область',
    district: 'Район',
    locality: 'Населённый пункт',
    category: 'Категория',
    urgency: 'Срочность',
    status: 'Статус',
    escalation: 'Уровень',
    registered: 'Дата регистрации',
    parties: 'Стороны',
    party: 'Сторона',
    mediator: 'Медиатор',
    nameToWrite: '____________________________',
    nameNotGiven: 'имя не получено',
    terms: 'Условия соглашения',
    preamble:
      'Нижеподписавшиеся стороны по итогам медиации, проведённой при участии медиатора, по своей доброй воле приняли следующие условия:',
    closing:
      'Соглашение составлено в экземплярах равной силы, по одному для каждой из сторон. Стороны обязуются исполнять его добровольно.',
    signatures: 'Подписи сторон',
    signature: 'подпись',
    signedOn: 'дата',
    sessions: 'Встречи',
    sessionNo: '№',
    kind: 'Вид',
    heldOn: 'Дата проведения',
    minutes: 'Длительность, мин',
    outcome: 'Итог',
    followUp: 'Последующий контроль',
    none: '—',
    nameHidden: 'имя не показывается',
    noSessions: 'Встречи ещё не проводились.',
    footer: 'Kelisim · система учёта дел этномедиации',
  },
} as const;

function territory(state: CaseState, language: LabelLanguage): Array<readonly [string, string]> {
  const w = words[language];
  return [
    [w.region, findRegion(state.region)?.names[language] ?? state.region],
    [w.district, findDistrict(state.district)?.names[language] ?? state.district],
  ];
}

/** A vocabulary label opening a line: its first letter capitalised. */
const asLabel = (label: string) => label.charAt(0).toLocaleUpperCase() + label.slice(1);

function partyLine(opened: OpenedCase, partyId: string, language: LabelLanguage): string {
  return opened.names.get(partyId) ?? `(${words[language].nameHidden})`;
}

function mediatorLine(opened: OpenedCase, language: LabelLanguage): string {
  if (opened.state.mediatorId === null) return words[language].none;
  return opened.mediatorName ?? `(${words[language].nameNotGiven})`;
}

/** The written agreement, to be printed and signed. `day` is the date printed on it. */
export function agreementDocument(opened: OpenedCase, language: LabelLanguage): PrintableDocument {
  const w = words[language];
  const { state } = opened;
  const day = state.outcome?.recordedOn ?? dayOf(new Date(state.updatedAt));
  const blocks: DocumentBlock[] = [
    {
      kind: 'fields',
      rows: [
        [w.caseNumber, state.caseNumber],
        [w.date, day],
        ...territory(state, language),
        [w.category, caseCategories.label(state.category, language)],
      ],
    },
    { kind: 'heading', text: w.parties },
    {
      kind: 'fields',
      rows: state.parties.map(
        (party) =>
          [
            asLabel(partyRoles.label(party.role, language)),
            partyLine(opened, party.partyId, language),
          ] as const,
      ),
    },
    // A name mediator-training did not give is written in by hand on the signed copy.
    { kind: 'fields', rows: [[w.mediator, opened.mediatorName ?? w.nameToWrite]] },
    { kind: 'heading', text: w.terms },
    { kind: 'paragraph', text: w.preamble },
    { kind: 'paragraph', text: opened.agreement ?? w.none },
    { kind: 'paragraph', text: w.closing },
    { kind: 'heading', text: w.signatures },
    {
      kind: 'signatures',
      labels: { signature: w.signature, date: w.signedOn },
      signatories: [
        ...state.parties.map((party) => ({
          role: `${w.party}: ${partyRoles.label(party.role, language)}`,
          name: opened.names.get(party.partyId) ?? null,
        })),
        { role: w.mediator, name: opened.mediatorName },
      ],
    },
  ];
  return {
    language,
    title: w.agreementTitle,
    subtitle: `${state.caseNumber} · ${day}`,
    blocks,
    footer: `${w.footer} · ${state.caseNumber}`,
  };
}

/** The case on a page: where, what, who, the sessions held and how it ended. */
export function summaryDocument(opened: OpenedCase, language: LabelLanguage, day: string): PrintableDocument {
  const w = words[language];
  const { state } = opened;
  const blocks: DocumentBlock[] = [
    {
      kind: 'fields',
      rows: [
        [w.caseNumber, state.caseNumber],
        [w.registered, dayOf(new Date(state.registeredAt))],
        ...territory(state, language),
        [w.locality, state.locality ?? w.none],
        [w.category, caseCategories.label(state.category, language)],
        [w.urgency, urgencies.label(state.urgency, language)],
        [w.status, caseStatuses.label(state.status, language)],
        [w.escalation, escalationLevelLabels[state.escalationLevel][language]],
        [w.mediator, mediatorLine(opened, language)],
      ],
    },
    { kind: 'heading', text: w.parties },
    {
      kind: 'fields',
      rows: state.parties.map(
        (party) =>
          [
            asLabel(partyRoles.label(party.role, language)),
            partyLine(opened, party.partyId, language),
          ] as const,
      ),
    },
    { kind: 'heading', text: w.sessions },
    state.sessions.length === 0
      ? { kind: 'paragraph', text: w.noSessions }
      : {
          kind: 'table',
          header: [w.sessionNo, w.kind, w.heldOn, w.minutes],
          rows: state.sessions.map((session) => [
            String(session.number),
            sessionKinds.label(session.kind, language),
            session.heldOn,
            String(session.durationMinutes),
          ]),
          widths: [1, 4, 3, 3],
        },
    { kind: 'heading', text: w.outcome },
    {
      kind: 'fields',
      rows: [
        [w.outcome, state.outcome ? outcomeKinds.label(state.outcome.kind, language) : w.none],
        [w.date, state.outcome?.recordedOn ?? w.none],
        [w.followUp, state.followUpDue ?? w.none],
      ],
    },
  ];
  return {
    language,
    title: w.summaryTitle,
    subtitle: `${state.caseNumber} · ${day}`,
    blocks,
    footer: `${w.footer} · ${state.caseNumber}`,
  };
}

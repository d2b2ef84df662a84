// A monitoring visit's report, in Kazakh or Russian: where and when, its findings per indicator
// (the indicator's label, the score in the scale's words, the note) and the recommendations issued
// from it. Built from the visit and its recommendations with their texts already opened.
import { urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import {
  maxIndicatorScore,
  reviewDecisions,
  scoreLabel,
  visitStatuses,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import { findDistrict, findRegion } from '@kelisim/contracts/reference/regions';
import type { LabelLanguage } from '@kelisim/contracts/reference/vocabulary';
import type { DocumentBlock, PrintableDocument } from '@kelisim/service-kit/documents/printable-document';
import type { Indicator } from '../domain/indicators.ts';
import type { Recommendation } from '../domain/recommendation.ts';
import type { Visit } from '../domain/visit.ts';

export type OpenedVisit = {
  visit: Visit;
  notes: readonly (string | null)[];
  overallAssessment: string | null;
  recommendations: readonly { recommendation: Recommendation; text: string }[];
};

const words = {
  kk: {
    title: 'Мониторинг сапарының есебі',
    region: 'Облыс',
    districts: 'Аудандар',
    planned: 'Жоспарланған мерзімі',
    visited: 'Сапар мерзімі',
    status: 'Мәртебесі',
    decision: 'Қарау шешімі',
    lead: 'Жетекші супервайзер',
    team: 'Топ құрамы',
    findings: 'Көрсеткіштер бойынша қорытындылар',
    indicator: 'Көрсеткіш',
    score: 'Бағасы',
    note: 'Ескертпе',
    findingsScore: 'Қорытынды балл',
    assessment: 'Жалпы бағалау',
    recommendations: 'Ұсынымдар',
    recommendation: 'Ұсыным',
    due: 'Мерзімі',
    priority: 'Маңыздылығы',
    progress: 'Орындалуы',
    noFindings: 'Қорытындылар әлі жазылған жоқ.',
    noRecommendations: 'Ұсынымдар берілген жоқ.',
    states: { draft: 'жоба', open: 'орындалуда', in_progress: 'жұмыс жүріп жатыр', done: 'орындалды' },
    overdue: 'мерзімі өтті',
    none: '—',
    footer: 'Kelisim · өңірлік мониторинг',
  },
  ru: {
    title: 'Отчёт о мониторинговом визите',
    region: 'Область',
    districts: 'Районы',
    planned: 'Плановые сроки',
    visited: 'Сроки визита',
    status: 'Статус',
    decision: 'Решение по итогам рассмотрения',
    lead: 'Ведущий супервайзер',
    team: 'Состав группы',
    findings: 'Выводы по индикаторам',
    indicator: 'Индикатор',
    score: 'Оценка',
    note: 'Примечание',
    findingsScore: 'Итоговый балл',
    assessment: 'Общая оценка',
    recommendations: 'Рекомендации',
    recommendation: 'Рекомендация',
    due: 'Срок',
    priority: 'Приоритет',
    progress: 'Исполнение',
    noFindings: 'Выводы ещё не записаны.',
    noRecommendations: 'Рекомендации не выдавались.',
    states: { draft: 'проект', open: 'в работе', in_progress: 'выполняется', done: 'выполнена' },
    overdue: 'просрочена',
    none: '—',
    footer: 'Kelisim · региональный мониторинг',
  },
} as const;

const range = (from: string | null, to: string | null, none: string) =>
  from === null ? none : from === to || to === null ? from : `${from} – ${to}`;

export function visitReport(
  opened: OpenedVisit,
  catalogue: readonly Indicator[],
  language: LabelLanguage,
  day: string,
): PrintableDocument {
  const w = words[language];
  const { visit } = opened;
  const indicators = new Map(catalogue.map((indicator) => [indicator.code, indicator]));
  const blocks: DocumentBlock[] = [
    {
      kind: 'fields',
      rows: [
        [w.region, findRegion(visit.region)?.names[language] ?? visit.region],
        [w.districts, visit.districts.map((code) => findDistrict(code)?.names[language] ?? code).join(', ')],
        [w.planned, range(visit.plannedFrom, visit.plannedTo, w.none)],
        [w.visited, range(visit.visitedFrom, visit.visitedTo, w.none)],
        [w.status, visitStatuses.label(visit.status, language)],
        [w.decision, visit.review ? reviewDecisions.label(visit.review.decision, language) : w.none],
        [w.lead, visit.leadSupervisorId],
        [w.team, visit.team.join(', ') || w.none],
      ],
    },
    { kind: 'heading', text: w.findings },
    visit.findings.length === 0
      ? { kind: 'paragraph', text: w.noFindings }
      : {
          kind: 'table',
          header: [w.indicator, w.score, w.note],
          rows: visit.findings.map((finding, i) => {
            const indicator = indicators.get(finding.indicator);
            const scale = indicator
              ? `${finding.score}/${maxIndicatorScore} · ${scoreLabel(indicator.direction, finding.score, language)}`
              : `${finding.score}/${maxIndicatorScore}`;
            return [indicator?.labels[language] ?? finding.indicator, scale, opened.notes[i] ?? ''];
          }),
          widths: [4, 3, 5],
        },
    {
      kind: 'fields',
      rows: [[w.findingsScore, visit.findingsScore === null ? w.none : String(visit.findingsScore)]],
    },
    ...(opened.overallAssessment === null
      ? []
      : [
          { kind: 'heading', text: w.assessment } as const,
          { kind: 'paragraph', text: opened.overallAssessment } as const,
        ]),
    { kind: 'heading', text: w.recommendations },
    opened.recommendations.length === 0
      ? { kind: 'paragraph', text: w.noRecommendations }
      : {
          kind: 'table',
          header: [w.recommendation, w.due, w.priority, w.progress],
          rows: opened.recommendations.map(({ recommendation: r, text }) => [
            r.indicator ? `${text} (${indicators.get(r.indicator)?.labels[language] ?? r.indicator})` : text,
            r.dueDate,
            urgencies.label(r.priority, language),
            r.overdue && r.status !== 'done' ? `${w.states[r.status]}, ${w.overdue}` : w.states[r.status],
          ]),
          widths: [6, 2, 2, 2],
        },
  ];
  return {
    language,
    title: w.title,
    subtitle: `${findRegion(visit.region)?.names[language] ?? visit.region} · ${day}`,
    blocks,
    footer: `${w.footer} · ${visit.id}`,
  };
}

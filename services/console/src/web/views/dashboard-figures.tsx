// A territory's monthly figures on the dashboard: cases registered, ended with an outcome and
// escalated, recommendations due, done on time and overdue, each a chart over a table, and the
// period's registrations by category and urgency. A figure whose register this person may open
// links to it with the same territory, period and filter.
import { caseCategories, urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import { type RiskBand, riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { Vocabulary } from '@kelisim/contracts/reference/vocabulary';
import { capital, useI18n } from '../i18n.ts';
import { query } from '../lib/api.ts';
import type { Session } from '../view-types.ts';
import { TrendChart } from './trend-chart.tsx';

export type Breakdown = { total: number | null; counts: Record<string, number | null> };
export type Month = {
  month: string;
  registered: { byCategory: Breakdown; byUrgency: Breakdown };
  outcomes: Breakdown;
  medianDaysToOutcome: number | null;
  escalations: number | null;
  recommendations: { due: number | null; completedOnTime: number | null; overdue: number | null };
};
export type Territory = { territory: string; months: Month[] };
export type Trends = {
  region: string;
  minimumShownCount: number;
  whole: Territory;
  districts: Territory[];
  riskBands: { month: string; band: RiskBand | null }[];
};

// The registers' readers (the console's menu and the services' routes agree on these).
const caseReaders = ['supervisor', 'group_member', 'coordinator', 'admin'];
const recommendationReaders = ['supervisor', 'group_member', 'admin'];

const colours = { registered: '#1f5fa8', outcomes: '#2e7d32', escalations: '#b3261e', due: '#6a4c93' };

const lastDay = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

/** Published counts added up; a hidden one adds nothing (the note under the title says so). */
export const add = (values: (number | null)[]) =>
  values.some((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;
type Place = { region?: string; district?: string };

export function Figures({
  id,
  trend,
  place,
  session,
  minimum,
  bands,
  national,
}: {
  id: string;
  trend: Territory;
  place: Place;
  session: Session;
  minimum: number;
  bands?: Trends['riskBands'];
  national?: boolean;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const months = trend.months.map((m) => m.month);
  const first = months[0] ?? '';
  const last = months.at(-1) ?? '';
  const may = (readers: string[]) => session.roles.some((role) => readers.includes(role));
  const period = (index: number) => ({ from: `${months[index]}-01`, to: lastDay(months[index] as string) });
  // An outcome or an escalation counts in its own month, whenever the case was registered.
  const periodOf = (name: 'outcome' | 'escalated', index: number) => {
    const { from, to } = period(index);
    return { [`${name}From`]: from, [`${name}To`]: to };
  };
  const casesLink = may(caseReaders)
    ? (filter: Record<string, string | undefined>) => `#/cases${query({ ...place, ...filter })}`
    : null;
  const recsLink = may(recommendationReaders)
    ? (filter: Record<string, string | undefined>) => `#/recommendations${query({ ...place, ...filter })}`
    : null;
  const whole = { from: `${first}-01`, to: lastDay(last) };
  const hidden = (value: number | null) => (value === null ? t('statsHidden', { n: minimum }) : null);

  const periodTable = (
    title: string,
    label: string,
    key: 'byCategory' | 'byUrgency',
    vocabulary: Vocabulary<string>,
  ) => {
    const totals = trend.months.map((m) => m.registered[key]);
    return (
      <div class="table-wrap">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">{t('dashTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {vocabulary.values.map((value) => {
              const sum = add(totals.map((b) => b.counts[value] ?? null));
              const filter = key === 'byCategory' ? { category: value } : { urgency: value };
              return (
                <tr key={value}>
                  <th scope="row">{capital(vocabulary.label(value, lang))}</th>
                  <td>
                    {hidden(sum) ??
                      (casesLink ? (
                        <a href={casesLink({ ...whole, ...filter })}>{i18n.number(sum as number)}</a>
                      ) : (
                        i18n.number(sum as number)
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  };

  return (
    <>
      <p class="muted">{t('dashPeriod', { from: first, to: last })}</p>
      <p class="muted">{national ? t('dashNationalNote', { n: minimum }) : t('dashSmallCounts')}</p>
      <div class="trend-grid">
        <TrendChart
          id={`${id}-cases`}
          title={t('dashCasesChart')}
          months={months}
          minimum={minimum}
          series={[
            {
              label: t('dashRegistered'),
              colour: colours.registered,
              values: trend.months.map((m) => m.registered.byCategory.total),
              link: casesLink ? (index) => casesLink(period(index)) : undefined,
            },
            {
              label: t('dashOutcomes'),
              colour: colours.outcomes,
              values: trend.months.map((m) => m.outcomes.total),
              link: casesLink ? (index) => casesLink(periodOf('outcome', index)) : undefined,
            },
            {
              label: t('dashEscalations'),
              colour: colours.escalations,
              values: trend.months.map((m) => m.escalations),
              link: casesLink ? (index) => casesLink(periodOf('escalated', index)) : undefined,
            },
          ]}
          extraColumns={[
            ...(national
              ? []
              : [
                  {
                    label: t('dashMedianDays'),
                    cell: (index: number) => {
                      const median = trend.months[index]?.medianDaysToOutcome ?? null;
                      return median === null ? '—' : i18n.number(median, 1);
                    },
                  },
                ]),
            ...(bands
              ? [
                  {
                    label: t('dashRiskBand'),
                    cell: (index: number) => {
                      const band = bands[index]?.band ?? null;
                      return band ? capital(riskBands.label(band, lang)) : t('dashNoBand');
                    },
                  },
                ]
              : []),
          ]}
        />
        <TrendChart
          id={`${id}-recommendations`}
          title={t('dashRecsChart')}
          months={months}
          minimum={minimum}
          series={[
            {
              label: t('dashRecsDue'),
              colour: colours.due,
              values: trend.months.map((m) => m.recommendations.due),
              link: recsLink ? (index) => recsLink(period(index)) : undefined,
            },
            {
              label: t('dashRecsOnTime'),
              colour: colours.outcomes,
              values: trend.months.map((m) => m.recommendations.completedOnTime),
              // Done and never marked overdue: done by its due date (the overdue sweep marks the
              // others the day after it passed).
              link: recsLink
                ? (index) => recsLink({ ...period(index), status: 'done', overdue: 'false' })
                : undefined,
            },
            {
              label: t('dashRecsOverdue'),
              colour: colours.escalations,
              values: trend.months.map((m) => m.recommendations.overdue),
              link: recsLink ? (index) => recsLink({ ...period(index), overdue: 'true' }) : undefined,
            },
          ]}
        />
      </div>
      <div class="trend-grid">
        {periodTable(
          t('dashByCategory'),
          t('dashCategory'),
          'byCategory',
          caseCategories as Vocabulary<string>,
        )}
        {periodTable(t('dashByUrgency'), t('dashUrgency'), 'byUrgency', urgencies as Vocabulary<string>)}
      </div>
    </>
  );
}

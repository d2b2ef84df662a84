// A region in reach on its own page (`#/risk/<region>`, supervisors, group members,
// administrators): its current risk and the factors that make it, the history of its band
// changes, and its statistics (with the Assembly's network's: volunteers' cases, referrals to
// partners, sessions at partners' premises, partners met), every count as regional-monitoring
// publishes it (rounded down to a multiple of 5, under 5 hidden).
import { caseCategories, caseStatuses, urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import { riskBands, riskFactors, visitStatuses } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { partnerKinds } from '@kelisim/contracts/reference/partner-vocabulary';
import { mediatorKinds } from '@kelisim/contracts/reference/people-vocabulary';
import type { Vocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { capital, type MessageKey, type Translator, useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';

type Band = (typeof riskBands.values)[number];
type Factor = (typeof riskFactors.values)[number];
type Risk = {
  band: Band;
  score: number;
  scoredAt: string | null;
  factors: { name: Factor; points: number }[];
};
type Change = { from: Band; to: Band; at: string; direction: 'rising' | 'falling' };
type Breakdown = { total: number | null; counts: Record<string, number | null> };
type Statistics = {
  minimumShownCount: number;
  cases: {
    byCategory: Breakdown;
    byUrgency: Breakdown;
    byStatus: Breakdown;
    referredToPartnersByKind: Breakdown;
    byMediatorKind: Breakdown;
  };
  sessions: { byVenueKind: Breakdown };
  visits: { byStatus: Breakdown; byPartnerKindMet: Breakdown };
  recommendations: { open: number | null; overdue: number | null };
};

const count = (i18n: Translator, value: number | null, minimum: number) =>
  value === null ? i18n.t('statsHidden', { n: minimum }) : i18n.number(value);

function BreakdownTable({
  title,
  breakdown,
  vocabulary,
  minimum,
}: {
  title: string;
  breakdown: Breakdown;
  vocabulary: Vocabulary<string>;
  minimum: number;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return (
    <div class="table-wrap">
      <table>
        <caption>{title}</caption>
        <tbody>
          {Object.entries(breakdown.counts).map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key in vocabulary.labels ? capital(vocabulary.label(key, lang)) : key}</th>
              <td>{count(i18n, value, minimum)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('statsTotal')}</th>
            <td>{count(i18n, breakdown.total, minimum)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function RegionPage({ region, reference }: { region: string; reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [data, setData] = useState<{ risk: Risk; history: Change[]; statistics: Statistics } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      get<Risk>('regional-monitoring', `/regions/${region}/risk`),
      get<{ items: Change[] }>('regional-monitoring', `/regions/${region}/risk/history?limit=20`),
      get<Statistics>('regional-monitoring', `/regions/${region}/statistics`),
    ])
      .then(([risk, history, statistics]) => setData({ risk, history: history.items, statistics }))
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [region]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;
  const { risk, history, statistics } = data;
  const minimum = statistics.minimumShownCount;
  return (
    <article aria-labelledby="region-title">
      <p>
        <a href="#/risk">{t('regionBack')}</a>
      </p>
      <h1 id="region-title">{t('regionTitle', { region: reference.name(region, lang) })}</h1>
      <p class={`band band-${risk.band}`}>
        <strong>{capital(riskBands.label(risk.band, lang))}</strong> · {t('score')}{' '}
        {i18n.number(risk.score, 1)}
      </p>
      <section aria-labelledby="region-factors-title" class="card">
        <h2 id="region-factors-title">{t('regionFactors')}</h2>
        {risk.factors.length === 0 ? <p>{t('regionNoFactors')}</p> : null}
        <ul class="drivers">
          {risk.factors.map((factor) => (
            <li key={factor.name}>
              {capital(riskFactors.label(factor.name, lang))}: +
              {t('points', { points: i18n.number(factor.points, 1) })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="region-history-title">
        <h2 id="region-history-title">{t('regionHistory')}</h2>
        {history.length === 0 ? <p>{t('regionNoChanges')}</p> : null}
        <ol class="timeline">
          {history.map((change) => (
            <li key={change.at}>
              <time dateTime={change.at}>{i18n.dateTime(change.at)}</time>{' '}
              <span aria-hidden="true">{change.direction === 'rising' ? '↑' : '↓'}</span>{' '}
              {capital(riskBands.label(change.from, lang))} → {riskBands.label(change.to, lang)}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="region-statistics-title">
        <h2 id="region-statistics-title">{t('regionStatistics')}</h2>
        <p class="muted">{t('regionSmallCounts')}</p>
        {(
          [
            ['statsByCategory', statistics.cases.byCategory, caseCategories],
            ['statsByUrgency', statistics.cases.byUrgency, urgencies],
            ['statsByStatus', statistics.cases.byStatus, caseStatuses],
            ['statsVisits', statistics.visits.byStatus, visitStatuses],
            ['statsByMediatorKind', statistics.cases.byMediatorKind, mediatorKinds],
            ['statsReferredByPartnerKind', statistics.cases.referredToPartnersByKind, partnerKinds],
            ['statsSessionsByVenueKind', statistics.sessions.byVenueKind, partnerKinds],
            ['statsVisitsByPartnerKindMet', statistics.visits.byPartnerKindMet, partnerKinds],
          ] as [MessageKey, Breakdown, Vocabulary<string>][]
        ).map(([title, breakdown, vocabulary]) => (
          <BreakdownTable
            key={title}
            title={t(title)}
            breakdown={breakdown}
            vocabulary={vocabulary}
            minimum={minimum}
          />
        ))}
        <p>
          {t('statsRecommendations', {
            open: count(i18n, statistics.recommendations.open, minimum),
            overdue: count(i18n, statistics.recommendations.overdue, minimum),
          })}
        </p>
      </section>
    </article>
  );
}

// The dashboard (`#/dashboard`, supervisors, group members, administrators): the republic's
// picture (the regions in reach as tiles placed like the map, coloured and named by risk band, and
// their monthly trends added up), a region's (`#/dashboard/<region>`: its trends and its
// districts) and a district's (`#/dashboard/<region>/<district>`). Figures are regional-monitoring's
// published counts (docs/adr/0011); each one whose register this person may open links to that
// list with the same territory, period and filter.
import { regionsReached } from '@kelisim/contracts/reference/kato';
import { type RiskBand, riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, query } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import { byTile, regionTiles } from '../lib/region-tiles.ts';
import type { Route } from '../lib/router.ts';
import type { Session } from '../view-types.ts';
import {
  add,
  type Breakdown,
  Figures,
  type Month,
  type Territory,
  type Trends,
} from './dashboard-figures.tsx';
import { PeriodPicker, periodQuery, periodRefusal } from './dashboard-period.tsx';

function addMonths(territories: Territory[]): Territory {
  const first = territories[0];
  if (!first) return { territory: 'all', months: [] };
  const addBreakdowns = (parts: Breakdown[]): Breakdown => {
    const keys = new Set(parts.flatMap((p) => Object.keys(p.counts)));
    return {
      total: add(parts.map((p) => p.total)),
      counts: Object.fromEntries([...keys].map((k) => [k, add(parts.map((p) => p.counts[k] ?? null))])),
    };
  };
  return {
    territory: 'all',
    months: first.months.map((m, index) => {
      const all = territories.map((t) => t.months[index] as Month);
      return {
        month: m.month,
        registered: {
          byCategory: addBreakdowns(all.map((x) => x.registered.byCategory)),
          byUrgency: addBreakdowns(all.map((x) => x.registered.byUrgency)),
        },
        outcomes: addBreakdowns(all.map((x) => x.outcomes)),
        // A median does not add up: the republic's is not computed from the regions'.
        medianDaysToOutcome: null,
        escalations: add(all.map((x) => x.escalations)),
        recommendations: {
          due: add(all.map((x) => x.recommendations.due)),
          completedOnTime: add(all.map((x) => x.recommendations.completedOnTime)),
          overdue: add(all.map((x) => x.recommendations.overdue)),
        },
      };
    }),
  };
}
type Risk = { region: string; band: RiskBand; score: number };

function TileMap({
  regions,
  risks,
  period,
}: {
  regions: Reference['regions'];
  risks: Map<string, Risk>;
  period: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return (
    <section aria-labelledby="dash-map-title">
      <h2 id="dash-map-title">{t('dashMapTitle')}</h2>
      <ul class="legend" aria-label={t('riskLegend')}>
        {riskBands.values.map((band) => (
          <li key={band}>
            <span class={`swatch band-${band}`} aria-hidden="true" /> {capital(riskBands.label(band, lang))}
          </li>
        ))}
      </ul>
      <ul class="tile-map">
        {byTile(regions).map((region) => {
          const tile = regionTiles[region.kato];
          const band = risks.get(region.kato)?.band ?? 'low';
          return (
            <li
              key={region.kato}
              class="map-tile"
              data-region={region.kato}
              style={
                tile ? ({ '--column': tile.column, '--row': tile.row } as Record<string, number>) : undefined
              }
            >
              <a href={`#/dashboard/${region.kato}${period}`} class={`tile-link band-${band}`}>
                <span class="tile-name">{region.names[lang]}</span>
                <span class="tile-band">{capital(riskBands.label(band, lang))}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const trendsOf = (region: string, route: Route) =>
  get<Trends>(
    'regional-monitoring',
    `/regions/${region}/trends${query({ from: route.params.get('from'), to: route.params.get('to') })}`,
  );

function National({ reference, session, route }: { reference: Reference; session: Session; route: Route }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reached = regionsReached(session.regions);
  const regions = reference.regions.filter((r) => reached === 'all' || reached.includes(r.kato));
  const [data, setData] = useState<{ risks: Map<string, Risk>; trends: Trends[] } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setData(null);
    setFailure(null);
    Promise.all([
      get<{ items: Risk[] }>('regional-monitoring', '/risk'),
      Promise.all(regions.map((region) => trendsOf(region.kato, route))),
    ])
      .then(([risk, trends]) => setData({ risks: new Map(risk.items.map((r) => [r.region, r])), trends }))
      .catch(setFailure);
    // Asked again in the other language, a refusal is said in it.
  }, [route.params.toString(), i18n.lang]);

  if (!data && !failure) return <Loading />;
  const national = data ? addMonths(data.trends.map((trend) => trend.whole)) : null;
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dashTitle')}</h1>
      <PeriodPicker
        key={route.params.toString()}
        route={route}
        shown={national?.months.map((m) => m.month) ?? []}
        failure={failure}
      />
      <Refusal failure={failure} />
      {data && national ? (
        <>
          <TileMap regions={regions} risks={data.risks} period={periodQuery(route)} />
          <section aria-labelledby="dash-national-title">
            <h2 id="dash-national-title">{t('dashNational')}</h2>
            <Figures
              id="national"
              trend={national}
              place={{}}
              session={session}
              minimum={data.trends[0]?.minimumShownCount ?? 5}
              national
            />
          </section>
        </>
      ) : null}
    </section>
  );
}

/** A failure to load the trends, unless it is a refused period, which is said beside its field. */
function Refusal({ failure }: { failure: unknown }) {
  const i18n = useI18n();
  if (!failure || periodRefusal(failure, 'from') || periodRefusal(failure, 'to')) return null;
  return <Notice kind="error">{problemText(i18n, failure)}</Notice>;
}

function RegionDashboard({
  region,
  district,
  reference,
  session,
  route,
}: {
  region: string;
  district: string | undefined;
  reference: Reference;
  session: Session;
  route: Route;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [trends, setTrends] = useState<Trends | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setTrends(null);
    setFailure(null);
    trendsOf(region, route).then(setTrends).catch(setFailure);
    // Asked again in the other language, a refusal is said in it.
  }, [region, route.params.toString(), i18n.lang]);

  if (!trends && !failure) return <Loading />;
  const regionName = reference.name(region, lang);
  const period = periodQuery(route);
  const shown = trends && (district ? trends.districts.find((d) => d.territory === district) : trends.whole);
  if (trends && !shown) return <Notice kind="error">{t('notFound')}</Notice>;
  return (
    <article aria-labelledby="dash-title">
      <p>
        {district ? (
          <a href={`#/dashboard/${region}${period}`}>{t('dashBackRegion', { region: regionName })}</a>
        ) : (
          <a href={`#/dashboard${period}`}>{t('dashBackNational')}</a>
        )}
      </p>
      <h1 id="dash-title">
        {district
          ? t('dashTitleDistrict', { district: reference.name(district, lang), region: regionName })
          : t('dashTitleRegion', { region: regionName })}
      </h1>
      <PeriodPicker
        key={route.params.toString()}
        route={route}
        shown={shown?.months.map((m) => m.month) ?? []}
        failure={failure}
      />
      <Refusal failure={failure} />
      {trends && shown ? (
        <RegionFigures
          region={region}
          district={district}
          trends={trends}
          shown={shown}
          session={session}
          reference={reference}
          period={period}
        />
      ) : null}
    </article>
  );
}

function RegionFigures({
  region,
  district,
  trends,
  shown,
  session,
  reference,
  period,
}: {
  region: string;
  district: string | undefined;
  trends: Trends;
  shown: Territory;
  session: Session;
  reference: Reference;
  period: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return (
    <>
      <Figures
        id={district ? `district-${district}` : `region-${region}`}
        trend={shown}
        place={district ? { region, district } : { region }}
        session={session}
        minimum={trends.minimumShownCount}
        bands={district ? undefined : trends.riskBands}
      />
      {district ? null : (
        <section aria-labelledby="dash-districts-title">
          <h2 id="dash-districts-title">{t('dashDistricts')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashDistrict')}</th>
                  <th scope="col">{t('dashRegistered')}</th>
                  <th scope="col">{t('dashEscalations')}</th>
                  <th scope="col">{t('dashRecsOverdue')}</th>
                </tr>
              </thead>
              <tbody>
                {trends.districts.map((d) => {
                  const sum = (pick: (m: Month) => number | null) => {
                    const value = add(d.months.map(pick));
                    return value === null
                      ? t('statsHidden', { n: trends.minimumShownCount })
                      : i18n.number(value);
                  };
                  return (
                    <tr key={d.territory}>
                      <th scope="row">
                        <a href={`#/dashboard/${region}/${d.territory}${period}`}>
                          {reference.name(d.territory, lang)}
                        </a>
                      </th>
                      <td>{sum((m) => m.registered.byCategory.total)}</td>
                      <td>{sum((m) => m.escalations)}</td>
                      <td>{sum((m) => m.recommendations.overdue)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

export function Dashboard({
  reference,
  session,
  route,
}: {
  reference: Reference;
  session: Session;
  route: Route;
}) {
  const [, region, district] = route.path;
  if (region)
    return (
      <RegionDashboard
        region={region}
        district={district}
        reference={reference}
        session={session}
        route={route}
      />
    );
  return <National reference={reference} session={session} route={route} />;
}

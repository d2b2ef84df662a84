// The country at a glance: a tile per region in reach, coloured by its risk band (colour is never
// the only sign: the band is written on the tile), with the trend of its last change and the
// factors that moved it. Regions nobody has scored yet are calm (regional-monitoring's rule).
import { regionsReached } from '@kelisim/contracts/reference/kato';
import { riskBands, riskFactors } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from '../view-types.ts';

type Band = (typeof riskBands.values)[number];
type Factor = (typeof riskFactors.values)[number];
type Risk = {
  region: string;
  score: number;
  band: Band;
  scoredAt: string | null;
  factors: { name: Factor; points: number }[];
  lastChange: {
    from: Band;
    to: Band;
    direction: 'rising' | 'falling';
    drivers: { name: Factor; points: number }[];
    at: string;
  } | null;
};

export function RiskMap({ reference, session }: { reference: Reference; session: Session }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [risks, setRisks] = useState<Map<string, Risk> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ items: Risk[] }>('regional-monitoring', '/risk')
      .then((page) => setRisks(new Map(page.items.map((r) => [r.region, r]))))
      .catch((failure) => setError(problemText(i18n, failure)));
  }, []);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!risks) return <Loading />;
  // Regions in reach: the token's, or every region for the whole republic; scored ones first.
  const reached = regionsReached(session.regions);
  const reach = reference.regions.filter((r) => reached === 'all' || reached.includes(r.kato));
  const shown = reach.filter((r) => risks.has(r.kato)).concat(reach.filter((r) => !risks.has(r.kato)));

  return (
    <section aria-labelledby="risk-title">
      <h1 id="risk-title">{t('riskTitle')}</h1>
      <ul class="legend" aria-label={t('riskLegend')}>
        {riskBands.values.map((band) => (
          <li key={band}>
            <span class={`swatch band-${band}`} aria-hidden="true" /> {capital(riskBands.label(band, lang))}
          </li>
        ))}
      </ul>
      <ul class="risk-grid">
        {shown.map((region) => {
          const risk = risks.get(region.kato);
          const band: Band = risk?.band ?? 'low';
          const change = risk?.lastChange ?? null;
          const trend = change ? t(change.direction) : t('steady');
          return (
            <li key={region.kato} class={`risk-tile band-${band}`} data-region={region.kato}>
              <h2>
                <a href={`#/risk/${region.kato}`} aria-label={`${region.names[lang]}: ${t('regionOpen')}`}>
                  {region.names[lang]}
                </a>
              </h2>
              <p class="band">
                <strong>{capital(riskBands.label(band, lang))}</strong>
                {risk ? ` · ${t('score')} ${i18n.number(risk.score, 1)}` : ''}
              </p>
              <p>
                {t('trend')}:{' '}
                <span aria-hidden="true">
                  {change?.direction === 'rising' ? '↑' : change?.direction === 'falling' ? '↓' : '→'}
                </span>{' '}
                {trend}
              </p>
              {change ? (
                <details open={band !== 'low'}>
                  <summary>{t('explanation')}</summary>
                  <p>
                    {t('changedAt', {
                      when: i18n.dateTime(change.at),
                      from: riskBands.label(change.from, lang),
                      to: riskBands.label(change.to, lang),
                    })}
                  </p>
                  <ul class="drivers">
                    {change.drivers.map((driver) => (
                      <li key={driver.name}>
                        {capital(riskFactors.label(driver.name, lang))}: +
                        {t('points', { points: i18n.number(driver.points, 1) })}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// Recommendations from monitoring visits: owner group and owner partner (by name), due date
// (overdue marked), status. A draft
// (written on a visit still under review) waits for the visit's approval and is not moved on.
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call, get, type Page, type Problem, query } from '../lib/api.ts';
import { RegisterDownloads } from '../lib/downloads.tsx';
import { groupText } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import { FilteredNote, registerFilters } from '../lib/register-filters.tsx';
import type { Route } from '../lib/router.ts';
import { PartnerName, usePartners } from './partner-pickers.tsx';

// regional-monitoring's progress of a recommendation; past its due date it is also `pastDue`.
export const progress = defineVocabulary({
  draft: { kk: 'жоба', ru: 'черновик' },
  open: { kk: 'ашық', ru: 'открыта' },
  in_progress: { kk: 'орындалуда', ru: 'в работе' },
  done: { kk: 'орындалды', ru: 'выполнена' },
});

export type Recommendation = {
  id: string;
  region: string;
  district: string | null;
  ownerGroupId: string;
  ownerPartnerId: string | null;
  dueDate: string;
  priority: string;
  status: (typeof progress.values)[number];
  pastDue: boolean;
  version: number;
  text: string | null;
};

export function Recommendations({ reference, route }: { reference: Reference; route: Route }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const fixed = registerFilters(route, ['region', 'district', 'status', 'overdue', 'from', 'to']);
  const [items, setItems] = useState<Recommendation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<Page<Recommendation>>('regional-monitoring', `/recommendations${query({ ...fixed, limit: 100 })}`)
      .then((page) => setItems(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, [route.params.toString()]);
  const ownerPartners = usePartners((items ?? []).flatMap((item) => item.ownerPartnerId ?? []));

  // The owner group or a supervisor moves a recommendation on; regional-monitoring decides who may.
  const move = async (item: Recommendation, status: string) => {
    const answer = await call<Problem>('regional-monitoring', `/recommendations/${item.id}/status`, {
      body: { status },
      ifMatch: `"${item.version}"`,
    });
    if (answer.ok) await load();
    else setError(problemText(i18n, answer.json));
  };
  return (
    <section aria-labelledby="recommendations-title">
      <h1 id="recommendations-title">{t('recommendationsTitle')}</h1>
      <FilteredNote filters={fixed} clear="#/recommendations" />
      <RegisterDownloads service="regional-monitoring" path="/recommendations/export" filters={fixed} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {(items ?? []).map((item) => (
          <li key={item.id} class="card">
            <p>
              <a href={`#/recommendations/${encodeURIComponent(item.id)}`}>{item.text ?? '—'}</a>
            </p>
            <div class="meta">
              <Badge tone="status">{capital(progress.labels[item.status]?.[lang] ?? item.status)}</Badge>
              {item.pastDue ? <Badge tone="urgency-critical">{t('overdue')}</Badge> : null}
            </div>
            <p class="muted">
              {t('dueDate')}: {i18n.date(item.dueDate)} · {t('ownerGroup')}:{' '}
              {groupText(item.ownerGroupId, reference, i18n)} ·{' '}
              {reference.name(item.district ?? item.region, lang)}
              {item.ownerPartnerId ? (
                <>
                  {' '}
                  · {t('ownerPartner')}: <PartnerName partner={ownerPartners.get(item.ownerPartnerId)} />
                </>
              ) : null}
            </p>
            {item.status === 'draft' ? <p class="muted">{t('recommendationDraftNote')}</p> : null}
            {item.status !== 'done' && item.status !== 'draft' ? (
              <div class="actions-row">
                {progress.values
                  .filter((status) => progress.rank(status) > progress.rank(item.status))
                  .map((status) => (
                    <button key={status} type="button" onClick={() => move(item, status)}>
                      {capital(progress.label(status, lang))}
                    </button>
                  ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

// Recommendations from monitoring visits: owner group, due date (overdue marked), status.
import { recommendationStatuses } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';

type Recommendation = {
  id: string;
  region: string;
  district: string | null;
  ownerGroupId: string;
  dueDate: string;
  priority: string;
  status: (typeof recommendationStatuses.values)[number];
  overdue?: boolean;
  text: string | null;
};

export function Recommendations({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [items, setItems] = useState<Recommendation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Page<Recommendation>>('regional-monitoring', '/recommendations?limit=100')
      .then((page) => setItems(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  }, []);
  return (
    <section aria-labelledby="recommendations-title">
      <h1 id="recommendations-title">{t('recommendationsTitle')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {(items ?? []).map((item) => (
          <li key={item.id} class="card">
            <p>{item.text ?? '—'}</p>
            <div class="meta">
              <Badge tone="status">
                {capital(recommendationStatuses.labels[item.status]?.[lang] ?? item.status)}
              </Badge>
              {item.status === 'overdue' || item.overdue ? (
                <Badge tone="urgency-critical">{t('overdue')}</Badge>
              ) : null}
            </div>
            <p class="muted">
              {t('dueDate')}: {i18n.date(item.dueDate)} · {t('ownerGroup')}: {item.ownerGroupId} ·{' '}
              {reference.name(item.district ?? item.region, lang)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

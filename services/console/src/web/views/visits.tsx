// Monitoring visits: the list in reach, and one visit's page (visit-page.tsx) for its commands.
import { visitStatuses } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import { RegisterDownloads } from '../lib/downloads.tsx';
import { teamText } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session, VisitItem } from '../view-types.ts';
import { PlanVisit } from './plan-visit.tsx';
import { VisitPage } from './visit-page.tsx';

type Props = { reference: Reference; session: Session; visitId: string | undefined };

export function Visits({ reference, session, visitId }: Props) {
  if (visitId) return <VisitPage visitId={visitId} reference={reference} session={session} />;
  return <VisitList reference={reference} session={session} />;
}

function VisitList({ reference, session }: { reference: Reference; session: Session }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [items, setItems] = useState<VisitItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<Page<VisitItem>>('regional-monitoring', '/visits?limit=100')
      .then((page) => setItems(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section aria-labelledby="visits-title">
      <h1 id="visits-title">{t('visitsTitle')}</h1>
      {session.roles.includes('supervisor') ? (
        <PlanVisit reference={reference} session={session} onPlanned={load} />
      ) : null}
      <RegisterDownloads service="regional-monitoring" path="/visits/export" filters={{}} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {(items ?? []).map((visit) => (
          <li key={visit.id} class="card">
            <a href={`#/visits/${visit.id}`}>
              {reference.name(visit.region, lang)}: {i18n.date(visit.plannedFrom)} –{' '}
              {i18n.date(visit.plannedTo)}
            </a>
            <div class="meta">
              <Badge tone="status">{capital(visitStatuses.label(visit.status, lang))}</Badge>
            </div>
            <p class="muted">
              {t('teamMembers')}: {teamText(visit.team, session, i18n)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

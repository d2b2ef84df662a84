// One visit: start, findings per indicator, submit, review (approve or return with a comment).
import { visitStatuses } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from './shell.tsx';
import type { VisitItem } from './visits.tsx';

export function VisitPage({
  visitId,
  reference,
}: {
  visitId: string;
  reference: Reference;
  session: Session;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [visit, setVisit] = useState<VisitItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call<VisitItem>('regional-monitoring', `/visits/${visitId}`).then((answer) =>
      answer.ok ? setVisit(answer.json) : setError(problemText(i18n, answer.json)),
    );
  }, [visitId]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!visit) return <Loading />;
  return (
    <article aria-labelledby="visit-title">
      <h1 id="visit-title">
        {reference.name(visit.region, lang)}: {i18n.date(visit.plannedFrom)} – {i18n.date(visit.plannedTo)}
      </h1>
      <Badge tone="status">{capital(visitStatuses.label(visit.status, lang))}</Badge>
      <p class="muted">
        {t('team')}: {visit.team.join(', ')}
      </p>
    </article>
  );
}

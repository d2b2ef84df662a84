// A mediator's own record in the registry (`#/mediators/<id>`, reached from "My training"): their
// name, contacts, home region, languages and status, read-only: the registry is the coordinators'
// to change (mediator-training lets a mediator read only their own record and edit none).
import { languages, mediatorStatuses } from '@kelisim/contracts/reference/people-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import type { Mediator } from './mediators.tsx';

export function MyProfile({ mediatorId, reference }: { mediatorId: string; reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [mediator, setMediator] = useState<Mediator | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Mediator>('mediator-training', `/mediators/${encodeURIComponent(mediatorId)}`)
      .then(setMediator)
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [mediatorId]);

  const contacts = [mediator?.contacts?.phone, mediator?.contacts?.email].filter(Boolean).join(', ');
  return (
    <article aria-labelledby="my-profile-title">
      <p>
        <a href="#/my-training">← {t('navMyTraining')}</a>
      </p>
      <h1 id="my-profile-title">{mediator?.name ?? t('myProfile')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {mediator === null && !error ? <Loading /> : null}
      {mediator ? (
        <dl class="facts">
          <dt>{t('mediatorStatus')}</dt>
          <dd>
            <Badge tone="status">{capital(mediatorStatuses.label(mediator.status, lang))}</Badge>
          </dd>
          <dt>{t('mediatorHomeRegion')}</dt>
          <dd>{reference.name(mediator.homeRegion, lang)}</dd>
          <dt>{t('mediatorLanguages')}</dt>
          <dd>{mediator.languages.map((l) => languages.label(l, lang)).join(', ')}</dd>
          <dt>{t('mediatorContacts')}</dt>
          <dd>{contacts || '—'}</dd>
        </dl>
      ) : null}
    </article>
  );
}

// Certifications (coordinators and administrators): every certificate of the territory with its
// status and validity, filtered by status; a valid one suspended (a reason, until a date or until
// reinstated) or revoked, a suspended one reinstated, one near or past its end renewed.
// mediator-training decides what each state allows and refuses the rest in words.
import { certificationReasons } from '@kelisim/contracts/reference/people-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { get, type Page, query } from '../lib/api.ts';
import { Input, Select, send, useRefusal } from '../lib/forms.tsx';
import type { Reference } from '../lib/reference.ts';
import type { Course } from './courses.tsx';

const certificationStatuses = defineVocabulary({
  valid: { kk: 'жарамды', ru: 'действует' },
  suspended: { kk: 'тоқтатылған', ru: 'приостановлен' },
  revoked: { kk: 'кері қайтарылған', ru: 'отозван' },
  expired: { kk: 'мерзімі өткен', ru: 'истёк' },
});

export type Certification = {
  certificationId: string;
  mediatorId: string;
  courseId: string;
  homeRegion: string;
  issuedOn: string;
  validUntil: string;
  status: (typeof certificationStatuses.values)[number];
  reason: string | null;
  suspendedUntil: string | null;
  renewals: number;
  version: number;
};
export type Names = { mediators: Map<string, string>; courses: Course[] };

export function CertificationCard(props: {
  i18n: Translator;
  item: Certification;
  names: Names;
  reference: Reference;
  onDone: () => void;
  /** For the mediator certified, who reads their certificate but decides nothing on it. */
  readOnly?: boolean;
}) {
  const { i18n, item, names, reference, onDone } = props;
  const { t, lang } = i18n;
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const refusal = useRefusal();
  const id = item.certificationId;
  const decide = async (action: 'suspend' | 'revoke' | 'reinstate' | 'renew') => {
    const body =
      action === 'suspend'
        ? { reason, until: until === '' ? null : until }
        : action === 'revoke'
          ? { reason }
          : undefined;
    const sent = await send(i18n, 'mediator-training', `/certifications/${id}/${action}`, {
      method: 'POST',
      ...(body === undefined ? {} : { body }),
      ifMatch: `"${item.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onDone();
  };
  const course = names.courses.find((c) => c.courseId === item.courseId);
  const open = item.status === 'valid' || item.status === 'suspended';
  return (
    <li class="card">
      <h2>
        <a href={`#/certifications/${encodeURIComponent(id)}`}>
          {names.mediators.get(item.mediatorId) ?? t('mediatorUnnamed')}
        </a>
      </h2>
      <p>
        <Badge tone="status">{capital(certificationStatuses.label(item.status, lang))}</Badge>{' '}
        {course?.title[lang] ?? ''} · {reference.name(item.homeRegion, lang)}
      </p>
      <p class="muted">
        {t('certificationIssued', { date: i18n.date(item.issuedOn) })} ·{' '}
        {t('validUntil', { date: i18n.date(item.validUntil) })}
        {item.reason ? ` · ${capital(certificationReasons.label(item.reason as 'other', lang))}` : ''}
        {item.suspendedUntil
          ? ` · ${t('certificationSuspendedUntil', { date: i18n.date(item.suspendedUntil) })}`
          : ''}
      </p>
      {refusal.message ? <Notice kind="error">{refusal.message}</Notice> : null}
      {props.readOnly ? null : (
        <form class="form-grid" noValidate onSubmit={(event) => event.preventDefault()}>
          {open ? (
            <>
              <Select
                id={`reason-${id}`}
                label={t('certificationReason')}
                empty={t('none')}
                value={reason}
                error={refusal.of('reason')}
                options={certificationReasons.values.map((value) => ({
                  value,
                  label: capital(certificationReasons.label(value, lang)),
                }))}
                onChange={setReason}
              />
              {item.status === 'valid' ? (
                <Input
                  id={`until-${id}`}
                  type="date"
                  label={t('certificationUntil')}
                  value={until}
                  error={refusal.of('until')}
                  onInput={setUntil}
                />
              ) : null}
            </>
          ) : null}
          <div class="wide actions-row">
            {item.status === 'valid' ? (
              <button type="button" onClick={() => decide('suspend')}>
                {t('certificationSuspend')}
              </button>
            ) : null}
            {item.status === 'suspended' ? (
              <button type="button" onClick={() => decide('reinstate')}>
                {t('certificationReinstate')}
              </button>
            ) : null}
            {open ? (
              <button type="button" onClick={() => decide('revoke')}>
                {t('certificationRevoke')}
              </button>
            ) : null}
            {item.status === 'valid' || item.status === 'expired' ? (
              <button type="button" onClick={() => decide('renew')}>
                {t('certificationRenew')}
              </button>
            ) : null}
          </div>
        </form>
      )}
    </li>
  );
}

export function Certifications({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Certification[] | null>(null);
  const [names, setNames] = useState<Names>({ mediators: new Map(), courses: [] });
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    Promise.all([
      get<Page<Certification>>('mediator-training', `/certifications${query({ status, limit: 100 })}`),
      get<Page<{ mediatorId: string; name: string }>>('mediator-training', '/mediators?limit=100'),
      get<Page<Course>>('mediator-training', '/courses?limit=100'),
    ])
      .then(([certifications, mediators, courses]) => {
        setItems(certifications.items);
        setNames({
          mediators: new Map(mediators.items.map((m) => [m.mediatorId, m.name])),
          courses: courses.items,
        });
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, [status]);

  return (
    <section aria-labelledby="certifications-title">
      <h1 id="certifications-title">{t('certificationsTitle')}</h1>
      <div class="card form-grid">
        <Select
          id="certification-status"
          label={t('status')}
          empty={t('any')}
          value={status}
          options={certificationStatuses.values.map((value) => ({
            value,
            label: capital(certificationStatuses.label(value, lang)),
          }))}
          onChange={setStatus}
        />
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((item) => (
          <CertificationCard
            key={`${item.certificationId}-${item.version}`}
            i18n={i18n}
            item={item}
            names={names}
            reference={reference}
            onDone={load}
          />
        ))}
      </ul>
    </section>
  );
}

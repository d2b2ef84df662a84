// The group's alert inbox, live: the console's /api/live stream (fed by notifications' own
// stream) makes it re-read itself the moment an alert is raised, without a reload. Filters by
// severity and status; acknowledgement with a note; what escalated, from where, and why.
import { alertSeverities, groupLevels } from '@kelisim/contracts/reference/alert-vocabulary';
import { escalationReasons } from '@kelisim/contracts/reference/case-reasons';
import { riskBands, riskFactors } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Badge, Field, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call, get, type Page, type Problem, query } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';

export type Alert = {
  alertId: string;
  groupId: string;
  groupLevel: 'district' | 'regional' | 'republican';
  region: string;
  district: string | null;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: string;
  read: boolean;
  sourceType: string;
  sourceSubject: string;
  details: Record<string, string | number | null>;
  escalationLevel: number;
  raisedAt: string;
  acknowledgeBy: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  escalatedToAlertId: string | null;
  message: Record<'kk' | 'ru', { subject: string; text: string }>;
  version: number;
};

export const alertStatusLabels = defineVocabulary({
  raised: { kk: 'түсті', ru: 'поступило' },
  delivered: { kk: 'жеткізілді', ru: 'доставлено' },
  read: { kk: 'оқылды', ru: 'прочитано' },
  acknowledged: { kk: 'расталды', ru: 'подтверждено' },
  resolved: { kk: 'шешілді', ru: 'закрыто' },
});

export function Inbox({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Alert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);
  const filters = useRef({ severity, status });
  filters.current = { severity, status };

  const load = async () => {
    try {
      const page = await get<Page<Alert>>(
        'notifications',
        `/alerts${query({ ...filters.current, limit: 100 })}`,
      );
      // Announce alerts that arrived since the last read (not the first one: that is the inbox itself).
      if (seen.current !== null) {
        const fresh = page.items.find((a) => !seen.current?.has(a.alertId));
        if (fresh) setAnnouncement(t('inboxNew', { subject: fresh.message[lang].subject }));
      }
      seen.current = new Set([...(seen.current ?? []), ...page.items.map((a) => a.alertId)]);
      setItems(page.items);
      setError(null);
    } catch (failure) {
      setError(problemText(i18n, failure));
    }
  };

  useEffect(() => {
    void load();
  }, [severity, status]);

  useEffect(() => {
    const live = new EventSource('/api/live');
    const refresh = () => void load();
    live.addEventListener('alert.raised', refresh);
    live.addEventListener('refresh', refresh);
    return () => live.close();
  }, []);

  return (
    <section aria-labelledby="inbox-title">
      <div class="title-row">
        <h1 id="inbox-title">{t('inboxTitle')}</h1>
        <span class="live-dot">{t('inboxLive')}</span>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <VocabularySelect
          id="filter-severity"
          label={t('severity')}
          vocabulary={alertSeverities}
          value={severity}
          onChange={setSeverity}
          anyLabel={t('any')}
        />
        <VocabularySelect
          id="filter-alert-status"
          label={t('status')}
          vocabulary={alertStatusLabels}
          value={status}
          onChange={setStatus}
          anyLabel={t('any')}
        />
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('noItems')}</p>
      ) : (
        <ul class="cards" aria-label={t('inboxTitle')}>
          {items.map((alert) => (
            <AlertCard key={alert.alertId} alert={alert} reference={reference} onChanged={load} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertCard({
  alert,
  reference,
  onChanged,
}: {
  alert: Alert;
  reference: Reference;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const message = alert.message[lang];
  const open = alert.status !== 'acknowledged' && alert.status !== 'resolved';

  const acknowledge = async (event: Event) => {
    event.preventDefault();
    try {
      const answer = await call<Problem>('notifications', `/alerts/${alert.alertId}/acknowledge`, {
        body: { note: note.trim() === '' ? null : note.trim() },
      });
      if (answer.ok) onChanged();
      else setError(problemText(i18n, answer.json));
    } catch (failure) {
      setError(problemText(i18n, failure));
    }
  };

  return (
    <li
      class={`card alert-card severity-${alert.severity}`}
      data-alert-id={alert.alertId}
      data-source={alert.sourceSubject}
    >
      <h2 class="alert-subject">{message.subject}</h2>
      <div class="meta">
        <Badge tone={`urgency-${alert.severity}`}>
          {capital(alertSeverities.label(alert.severity, lang))}
        </Badge>
        <Badge tone="status">{capital(alertStatusLabels.label(alert.status as 'raised', lang))}</Badge>
        <Badge tone="plain">{capital(groupLevels.label(alert.groupLevel, lang))}</Badge>
      </div>
      <p>{message.text}</p>
      <p class="muted">
        {reference.name(alert.district ?? alert.region, lang)} ·{' '}
        {t('raisedAt', { when: i18n.dateTime(alert.raisedAt) })}
      </p>
      <Why alert={alert} />
      {alert.escalationLevel > 0 ? <p class="escalation">{t('escalatedBecause')}</p> : null}
      {alert.escalatedToAlertId ? (
        <p class="escalation">{t('escalatedTo', { level: alert.escalationLevel + 1 })}</p>
      ) : null}
      {alert.acknowledgedAt ? (
        <p class="acknowledged">
          {t('acknowledged', { who: alert.acknowledgedBy ?? '—', when: i18n.dateTime(alert.acknowledgedAt) })}
          {alert.acknowledgeNote ? ` — ${alert.acknowledgeNote}` : ''}
        </p>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {open ? (
        <form class="ack-form" onSubmit={acknowledge}>
          <p class="muted">{t('acknowledgeBy', { when: i18n.dateTime(alert.acknowledgeBy) })}</p>
          <Field id={`note-${alert.alertId}`} label={t('acknowledgeNote')}>
            {() => (
              <input
                id={`note-${alert.alertId}`}
                maxLength={1000}
                value={note}
                onInput={(e) => setNote((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <button type="submit" class="primary">
            {t('acknowledge')}
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** Why the alert was raised, from its details: an escalation's reason, a band change's factors. */
function Why({ alert }: { alert: Alert }) {
  const { t, lang } = useI18n();
  const { reason, drivers, band, previousBand } = alert.details;
  const label = <V extends string>(labels: Readonly<Record<V, { kk: string; ru: string }>>, code: unknown) =>
    labels[code as V]?.[lang] ?? String(code);
  return (
    <>
      {typeof reason === 'string' ? (
        <p>
          {t('escalationReason')}: {label(escalationReasons.labels, reason)}
        </p>
      ) : null}
      {typeof band === 'string' && typeof previousBand === 'string' ? (
        <p>
          {capital(label(riskBands.labels, previousBand))} → {label(riskBands.labels, band)}
        </p>
      ) : null}
      {typeof drivers === 'string' && drivers !== '' ? (
        <p>
          {t('explanation')}:{' '}
          {drivers
            .split(',')
            .map((name) => label(riskFactors.labels, name))
            .join(', ')}
        </p>
      ) : null}
    </>
  );
}

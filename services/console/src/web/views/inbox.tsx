// The group's alert inbox, live: the console's /api/live stream (fed by notifications' own
// stream) makes it re-read itself the moment an alert is raised or updated, without a reload.
// One card per matter (notifications keeps one alert per matter and group), with its timeline
// in Almaty time; filters by severity and status; acknowledgement with a note; what escalated,
// from where, and why; a link to the matter. No internal ids in the text (issue 23).
import { alertSeverities, groupLevels } from '@kelisim/contracts/reference/alert-vocabulary';
import { escalationReasons } from '@kelisim/contracts/reference/case-reasons';
import { caseCategories } from '@kelisim/contracts/reference/case-vocabulary';
import { riskBands, riskFactors } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Badge, Field, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type MessageKey, useI18n } from '../i18n.ts';
import { call, get, NetworkError, type Page, type Problem, query } from '../lib/api.ts';
import { RegisterDownloads } from '../lib/downloads.tsx';
import { enqueue } from '../lib/drafts.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from '../view-types.ts';

type Severity = 'low' | 'medium' | 'high' | 'critical';

/** What notifications says of an alert in one language; `path` is the matter in the console. */
type AlertMessage = {
  subject: string;
  headline: string;
  text: string;
  path: string;
  timeline: { at: string; text: string }[];
};

export type Alert = {
  alertId: string;
  groupId: string;
  groupLevel: 'district' | 'regional' | 'republican';
  region: string;
  district: string | null;
  severity: Severity;
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
  resolvedAt?: string | null;
  /** What the alert is about: a case, a certification, a recommendation, a region's risk. */
  matter?: { kind: string; id: string };
  /** One entry per occurrence, in the order of `message[lang].timeline`. */
  timeline?: { at: string; severity: Severity }[];
  message: Record<'kk' | 'ru', AlertMessage>;
  version: number;
};

export const alertStatusLabels = defineVocabulary({
  raised: { kk: 'түсті', ru: 'поступило' },
  delivered: { kk: 'жеткізілді', ru: 'доставлено' },
  read: { kk: 'оқылды', ru: 'прочитано' },
  acknowledged: { kk: 'расталды', ru: 'подтверждено' },
  resolved: { kk: 'шешілді', ru: 'закрыто' },
});

/**
 * The alerts of one matter, in the inbox's order: a member of several groups (an administrator,
 * say) has one per group, and sees one card.
 */
function byMatter(items: Alert[]): Alert[][] {
  const matters = new Map<string, Alert[]>();
  for (const alert of items) {
    const key = alert.matter
      ? `${alert.matter.kind}:${alert.matter.id}`
      : `${alert.sourceType.split('.')[0]}:${alert.sourceSubject}`;
    matters.set(key, [...(matters.get(key) ?? []), alert]);
  }
  return [...matters.values()];
}

const isOpen = (alert: Alert) => alert.status !== 'acknowledged' && alert.status !== 'resolved';

/** An alert as the inbox last saw it: a longer timeline means the matter moved on. */
const seenKey = (alert: Alert) => `${alert.alertId}@${alert.message.kk.timeline?.length ?? 0}`;

export function Inbox({ reference, session }: { reference: Reference; session: Session }) {
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
      // Announce alerts that arrived or moved on since the last read (not at the first read: that
      // is the inbox itself).
      if (seen.current !== null) {
        const known = seen.current;
        const fresh = page.items.find((a) => !known.has(a.alertId));
        const updated = page.items.find((a) => known.has(a.alertId) && !known.has(seenKey(a)));
        if (fresh) setAnnouncement(t('inboxNew', { subject: fresh.message[lang].subject }));
        else if (updated) setAnnouncement(t('inboxUpdated', { subject: updated.message[lang].subject }));
      }
      seen.current = new Set([
        ...(seen.current ?? []),
        ...page.items.flatMap((a) => [a.alertId, seenKey(a)]),
      ]);
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
    for (const change of ['raised', 'updated', 'acknowledged', 'escalated', 'resolved'])
      live.addEventListener(`alert.${change}`, refresh);
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
      <RegisterDownloads service="notifications" path="/alerts/export" filters={{ severity, status }} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('noItems')}</p>
      ) : (
        <ul class="cards" aria-label={t('inboxTitle')}>
          {byMatter(items).map(([alert, ...others]) =>
            alert ? (
              <AlertCard
                key={alert.alertId}
                alert={alert}
                others={others}
                reference={reference}
                viewer={session.sub}
                onChanged={load}
              />
            ) : null,
          )}
        </ul>
      )}
    </section>
  );
}

/** Where the matter is in the console, by the path notifications gives (its hash routes). */
export const matterLinks: [prefix: string, label: MessageKey][] = [
  ['/#/cases/', 'openCase'],
  ['/#/visits/', 'openVisit'],
  ['/#/recommendations', 'openRecommendations'],
  ['/#/risk', 'openRiskMap'],
  ['/#/training', 'openTraining'],
];

function AlertCard({
  alert,
  others,
  reference,
  viewer,
  onChanged,
}: {
  alert: Alert;
  /** The same matter's alerts to the viewer's other groups. */
  others: Alert[];
  reference: Reference;
  viewer: string;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const message = alert.message[lang];
  const titleId = `alert-${alert.alertId}-title`;
  const link = matterLinks.find(([prefix]) => message.path?.startsWith(prefix));
  const category = alert.details.category;

  return (
    <li
      class={`card alert-card severity-${alert.severity}`}
      data-alert-id={alert.alertId}
      data-source={alert.sourceSubject}
    >
      <h2 class="alert-subject" id={titleId}>
        {message.headline ?? message.subject}
      </h2>
      <div class="meta">
        <Badge tone={`urgency-${alert.severity}`}>
          {capital(alertSeverities.label(alert.severity, lang))}
        </Badge>
        <Badge tone="status">{capital(alertStatusLabels.label(alert.status as 'raised', lang))}</Badge>
        <Badge tone="plain">{capital(groupLevels.label(alert.groupLevel, lang))}</Badge>
      </div>
      {typeof category === 'string' && category in caseCategories.labels ? (
        <p>
          {t('category')}: {caseCategories.label(category as 'other', lang)}
        </p>
      ) : null}
      <p class="muted">
        {reference.name(alert.district ?? alert.region, lang)} ·{' '}
        {t('raisedAt', { when: i18n.dateTime(alert.raisedAt) })}
      </p>
      <Why alert={alert} />
      {message.timeline?.length > 0 ? <History alert={alert} titleId={titleId} /> : null}
      {alert.escalationLevel > 0 ? <p class="escalation">{t('escalatedBecause')}</p> : null}
      {alert.escalatedToAlertId ? (
        <p class="escalation">{t('escalatedTo', { level: alert.escalationLevel + 1 })}</p>
      ) : null}
      {alert.acknowledgedAt ? (
        <p class="acknowledged">
          {t(alert.acknowledgedBy === viewer ? 'acknowledgedByYou' : 'acknowledgedByMember', {
            when: i18n.dateTime(alert.acknowledgedAt),
          })}
          {alert.acknowledgeNote ? ` — ${alert.acknowledgeNote}` : ''}
        </p>
      ) : null}
      {alert.resolvedAt ? (
        <p class="muted">{t('resolvedAt', { when: i18n.dateTime(alert.resolvedAt) })}</p>
      ) : null}
      <p>
        {link ? (
          <>
            <a class="matter-link" href={message.path} aria-describedby={titleId}>
              {t(link[1])}
            </a>{' '}
            ·{' '}
          </>
        ) : null}
        <a class="alert-link" href={`#/alerts/${alert.alertId}`} aria-describedby={titleId}>
          {t('alertOpen')}
        </a>
      </p>
      {isOpen(alert) ? <AckForm alert={alert} titleId={titleId} onChanged={onChanged} /> : null}
      {others.length > 0 ? (
        <section class="matter-groups" aria-labelledby={`${titleId}-groups`}>
          <h3 id={`${titleId}-groups`}>{t('matterOtherGroups')}</h3>
          <ul>
            {others.map((other) => (
              <li key={other.alertId}>
                {capital(groupLevels.label(other.groupLevel, lang))}:{' '}
                {alertStatusLabels.label(other.status as 'raised', lang)}
                {isOpen(other) ? (
                  <AckForm alert={other} titleId={`alert-${other.alertId}-group`} onChanged={onChanged} />
                ) : null}
                <span class="visually-hidden" id={`alert-${other.alertId}-group`}>
                  {message.headline ?? message.subject} ({groupLevels.label(other.groupLevel, lang)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </li>
  );
}

/** Acknowledges the alert as it stands, with an optional note. */
function AckForm({ alert, titleId, onChanged }: { alert: Alert; titleId: string; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);

  const acknowledge = async (event: Event) => {
    event.preventDefault();
    const body = { note: note.trim() === '' ? null : note.trim() };
    try {
      const answer = await call<Problem>('notifications', `/alerts/${alert.alertId}/acknowledge`, { body });
      if (answer.ok) onChanged();
      else setError(problemText(i18n, answer.json));
    } catch (failure) {
      if (failure instanceof NetworkError) {
        // Sent when back online (lib/drafts.ts); the group sees it acknowledged from then on.
        enqueue({
          id: crypto.randomUUID(),
          kind: 'acknowledge',
          alertId: alert.alertId,
          body,
          savedAt: new Date().toISOString(),
        });
        setQueued(true);
      } else setError(problemText(i18n, failure));
    }
  };

  return (
    <form class="ack-form" onSubmit={acknowledge}>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {queued ? <Notice kind="warning">{t('offlineSaved')}</Notice> : null}
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
      <button type="submit" class="primary" aria-describedby={titleId}>
        {t('acknowledge')}
      </button>
    </form>
  );
}

/** What happened to the matter, oldest first, each at its Almaty time; a rise in severity named. */
function History({ alert, titleId }: { alert: Alert; titleId: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const entries = alert.message[lang].timeline;
  return (
    <section class="alert-history" aria-labelledby={`${titleId}-history`}>
      <h3 id={`${titleId}-history`}>{t('alertTimeline')}</h3>
      <ol class="timeline alert-timeline">
        {entries.map((entry, index) => {
          const severity = alert.timeline?.[index]?.severity;
          const rose = index > 0 && severity && severity !== alert.timeline?.[index - 1]?.severity;
          return (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{i18n.dateTime(entry.at)}</time> <span>{entry.text}</span>
              {rose ? (
                <>
                  {' '}
                  <Badge tone={`urgency-${severity}`}>{capital(alertSeverities.label(severity, lang))}</Badge>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
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

// One alert on its own page (`#/alerts/<id>`), for every role with an inbox: opening it marks it
// read for the viewer; its deliveries outside the console (e-mail, webhook) with their attempts;
// an open alert closed with what became of it (If-Match: a change made meanwhile is refused).
import { alertSeverities, type memberResolutions } from '@kelisim/contracts/reference/alert-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call, type Page } from '../lib/api.ts';
import { send, useRefusal } from '../lib/forms.tsx';
import type { Reference } from '../lib/reference.ts';
import { type Alert, alertStatusLabels, matterLinks } from './inbox.tsx';

export const resolutions = defineVocabulary({
  handled: { kk: 'шаралар қабылданды', ru: 'меры приняты' },
  source_closed: { kk: 'себебі жойылды (іс жабылды)', ru: 'причина устранена (дело закрыто)' },
  false_alarm: { kk: 'жалған дабыл', ru: 'ложная тревога' },
  duplicate: { kk: 'басқа хабарламаның қайталамасы', ru: 'дубликат другого оповещения' },
} satisfies Record<(typeof memberResolutions)[number], { kk: string; ru: string }>);

const deliveryStatuses = defineVocabulary({
  pending: { kk: 'жіберілуде', ru: 'отправляется' },
  delivered: { kk: 'жеткізілді', ru: 'доставлено' },
  failed: { kk: 'жеткізілмеді', ru: 'не доставлено' },
});

type Delivery = {
  id: string;
  channel: 'email' | 'webhook';
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
};

type Shown = Alert & { resolution?: string | null };

export function AlertPage({ alertId, reference }: { alertId: string; reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [alert, setAlert] = useState<{ item: Shown; etag: string } | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [resolution, setResolution] = useState('');
  const [resolved, setResolved] = useState(false);
  const refusal = useRefusal();

  const load = async () => {
    try {
      // Opening the alert is reading it: the mark is the viewer's own and needs no version.
      const read = await call<Shown>('notifications', `/alerts/${alertId}/read`, { method: 'POST' });
      const answer = read.ok ? read : await call<Shown>('notifications', `/alerts/${alertId}`);
      if (!answer.ok) return setError(problemText(i18n, answer.json));
      setAlert({ item: answer.json, etag: answer.etag ?? '*' });
      const sent = await call<Page<Delivery>>('notifications', `/alerts/${alertId}/deliveries`);
      if (sent.ok) setDeliveries(sent.json.items);
    } catch (failure) {
      setError(problemText(i18n, failure));
    }
  };
  useEffect(() => {
    void load();
  }, [alertId]);

  const resolve = async (event: Event) => {
    event.preventDefault();
    if (!alert) return;
    const answer = await send<Shown>(i18n, 'notifications', `/alerts/${alertId}/resolve`, {
      body: { resolution },
      ifMatch: alert.etag,
    });
    if (!answer.ok) return refusal.show(answer);
    refusal.clear();
    setResolved(true);
    await load();
  };

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!alert) return <Loading />;
  const { item } = alert;
  const message = item.message[lang];
  const link = matterLinks.find(([prefix]) => message.path?.startsWith(prefix));
  return (
    <article aria-labelledby="alert-title">
      <p>
        <a href="#/inbox">{t('alertBack')}</a>
      </p>
      <h1 id="alert-title">{message.headline ?? message.subject}</h1>
      <div class="meta">
        <Badge tone={`urgency-${item.severity}`}>{capital(alertSeverities.label(item.severity, lang))}</Badge>
        <Badge tone="status">{capital(alertStatusLabels.label(item.status as 'raised', lang))}</Badge>
      </div>
      <p class="muted">
        {reference.name(item.district ?? item.region, lang)} ·{' '}
        {t('raisedAt', { when: i18n.dateTime(item.raisedAt) })}
      </p>
      <h2 id="alert-timeline-title">{t('alertTimeline')}</h2>
      <ol class="timeline" aria-labelledby="alert-timeline-title">
        {(message.timeline ?? []).map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <time dateTime={entry.at}>{i18n.dateTime(entry.at)}</time> <span>{entry.text}</span>
          </li>
        ))}
      </ol>
      {link ? (
        <p>
          <a href={message.path}>{t(link[1])}</a>
        </p>
      ) : null}
      {resolved ? <Notice kind="success">{t('alertResolvedNow')}</Notice> : null}
      {item.resolvedAt ? (
        <p>
          {t('resolvedAt', { when: i18n.dateTime(item.resolvedAt) })}
          {item.resolution && item.resolution in resolutions.labels
            ? ` — ${resolutions.label(item.resolution as 'handled', lang)}`
            : ''}
        </p>
      ) : (
        <form class="card" onSubmit={resolve} noValidate aria-labelledby="resolve-title">
          <h2 id="resolve-title">{t('alertResolveTitle')}</h2>
          {refusal.message ? <Notice kind="error">{refusal.message}</Notice> : null}
          <VocabularySelect
            id="alert-resolution"
            label={t('alertResolution')}
            vocabulary={resolutions}
            value={resolution}
            onChange={setResolution}
            anyLabel={t('none')}
            error={refusal.of('resolution')}
          />
          <button type="submit" class="primary">
            {t('alertResolve')}
          </button>
        </form>
      )}
      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{t('alertDeliveries')}</h2>
        {deliveries.length === 0 ? (
          <p>{t('alertNoDeliveries')}</p>
        ) : (
          <ul>
            {deliveries.map((delivery) => (
              <li key={delivery.id}>
                {delivery.channel === 'email' ? t('memberEmail') : t('memberWebhook')}:{' '}
                {deliveryStatuses.label(delivery.status, lang)} ·{' '}
                {t('alertAttempts', { count: i18n.number(delivery.attempts) })}
                {delivery.deliveredAt ? ` · ${i18n.dateTime(delivery.deliveredAt)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

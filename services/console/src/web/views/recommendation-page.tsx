// One recommendation at an address of its own (`#/recommendations/<id>`), where the list and the
// inbox lead: what to do, its owners, due date, priority and progress, the visit it came from. The
// owner group or a supervisor moves it on; while it is a draft (its visit still under review) a
// supervisor corrects its text, due date and priority. regional-monitoring decides who may do what
// and refuses the rest in words, beside the field it names.
import { urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Field, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import { FormCard, Input, Select, send, useRefusal } from '../lib/forms.tsx';
import { groupText } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from '../view-types.ts';
import { PartnerName, usePartners } from './partner-pickers.tsx';
import { progress, type Recommendation } from './recommendations.tsx';

type Shown = Recommendation & { visitId: string; indicator: string | null };

function DraftForm({ item, onSaved }: { item: Shown; onSaved: () => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [form, setForm] = useState({ text: item.text ?? '', dueDate: item.dueDate, priority: item.priority });
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(i18n, 'regional-monitoring', `/recommendations/${item.id}`, {
      method: 'PATCH',
      body: { text: form.text.trim(), dueDate: form.dueDate, priority: form.priority },
      ifMatch: `"${item.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onSaved();
  };
  return (
    <FormCard
      id="recommendation-edit-title"
      title={t('recommendationEditTitle')}
      refusal={refusal}
      submitLabel={t('save')}
      onSubmit={submit}
    >
      <Field id="recommendation-text" label={t('recommendationText')} error={refusal.of('text')}>
        {(describedBy, invalid) => (
          <textarea
            id="recommendation-text"
            rows={4}
            value={form.text}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => setForm({ ...form, text: (e.target as HTMLTextAreaElement).value })}
          />
        )}
      </Field>
      <Input
        id="recommendation-due"
        type="date"
        label={t('dueDate')}
        value={form.dueDate}
        error={refusal.of('dueDate')}
        onInput={(dueDate) => setForm({ ...form, dueDate })}
      />
      <Select
        id="recommendation-priority"
        label={t('priority')}
        value={form.priority}
        error={refusal.of('priority')}
        options={urgencies.values.map((value) => ({ value, label: capital(urgencies.label(value, lang)) }))}
        onChange={(priority) => setForm({ ...form, priority })}
      />
    </FormCard>
  );
}

export function RecommendationPage(props: { id: string; reference: Reference; session: Session }) {
  const { id, reference, session } = props;
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [item, setItem] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const load = () =>
    call<Shown>('regional-monitoring', `/recommendations/${encodeURIComponent(id)}`)
      .then((answer) => {
        if (!answer.ok) throw answer.json;
        setItem(answer.json);
        setError(null);
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, [id]);
  const partners = usePartners(item?.ownerPartnerId ? [item.ownerPartnerId] : []);

  const move = async (status: string) => {
    if (!item) return;
    const sent = await send(i18n, 'regional-monitoring', `/recommendations/${item.id}/status`, {
      body: { status },
      ifMatch: `"${item.version}"`,
    });
    if (!sent.ok) return setError(sent.message);
    await load();
  };

  return (
    <section aria-labelledby="recommendation-title">
      <p>
        <a href="#/recommendations">← {t('navRecommendations')}</a>
      </p>
      <h1 id="recommendation-title">{t('recommendationTitle')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {saved ? <Notice kind="success">{t('recommendationSaved')}</Notice> : null}
      {item === null && !error ? <Loading /> : null}
      {item ? (
        <article class="card">
          <p class="description">{item.text ?? '—'}</p>
          <div class="meta">
            <Badge tone="status">{capital(progress.labels[item.status]?.[lang] ?? item.status)}</Badge>
            {item.pastDue ? <Badge tone="urgency-critical">{t('overdue')}</Badge> : null}
            <Badge tone={`urgency-${item.priority}`}>
              {capital(urgencies.label(item.priority as 'low', lang))}
            </Badge>
          </div>
          <dl class="facts">
            <dt>{t('dueDate')}</dt>
            <dd>{i18n.date(item.dueDate)}</dd>
            <dt>{t('ownerGroup')}</dt>
            <dd>{groupText(item.ownerGroupId, reference, i18n)}</dd>
            {item.ownerPartnerId ? (
              <>
                <dt>{t('ownerPartner')}</dt>
                <dd>
                  <PartnerName partner={partners.get(item.ownerPartnerId)} />
                </dd>
              </>
            ) : null}
            <dt>{t('region')}</dt>
            <dd>{reference.name(item.district ?? item.region, lang)}</dd>
          </dl>
          <p>
            <a href={`#/visits/${encodeURIComponent(item.visitId)}`}>{t('recommendationFromVisit')}</a>
          </p>
          {item.status === 'draft' ? <p class="muted">{t('recommendationDraftNote')}</p> : null}
          {item.status !== 'done' && item.status !== 'draft' ? (
            <div class="actions-row">
              {progress.values
                .filter((status) => progress.rank(status) > progress.rank(item.status))
                .map((status) => (
                  <button key={status} type="button" onClick={() => move(status)}>
                    {capital(progress.label(status, lang))}
                  </button>
                ))}
            </div>
          ) : null}
        </article>
      ) : null}
      {item?.status === 'draft' && session.roles.includes('supervisor') ? (
        <DraftForm
          key={item.version}
          item={item}
          onSaved={() => {
            setSaved(true);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

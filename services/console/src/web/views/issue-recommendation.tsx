// A recommendation from a visit: its text, the group that owns it (the region's or a district's),
// optionally a partner of the Assembly's network of the region that owns it with the group (issue
// 27), a due date (today at the earliest) and a priority. On a visit still under review it is kept as a
// draft and issued when the visit is approved.
import { addDays, dayOf } from '@kelisim/contracts/calendar';
import { urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import { useState } from 'preact/hooks';
import { Field, Notice, problemText, VocabularySelect } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { call, type Problem } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import type { Visit } from '../view-types.ts';
import { OwnerPartner, useRegionPartners } from './partner-pickers.tsx';

const inDays = (days: number) => addDays(dayOf(new Date()), days);

export function IssueRecommendation({
  visit,
  reference,
  onIssued,
}: {
  visit: Visit;
  reference: Reference;
  onIssued: () => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const owners = [visit.region, ...visit.districts];
  const [owner, setOwner] = useState(visit.districts[0] ?? visit.region);
  const [ownerPartner, setOwnerPartner] = useState('');
  const { partners } = useRegionPartners(visit.region);
  const [due, setDue] = useState(inDays(30));
  const [priority, setPriority] = useState('medium');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const answer = await call<Problem>('regional-monitoring', `/visits/${visit.id}/recommendations`, {
      body: {
        district: owner === visit.region ? null : owner,
        ownerGroupId: `grp-${owner}`,
        ownerPartnerId: ownerPartner === '' ? null : ownerPartner,
        dueDate: due,
        priority,
        text: text.trim(),
      },
    });
    if (answer.ok) {
      setText('');
      setOwnerPartner('');
      onIssued();
    } else setError(problemText(i18n, answer.json));
  };

  return (
    <form class="card form-grid" onSubmit={submit} aria-labelledby="issue-title">
      <h2 id="issue-title" class="wide">
        {t('issueRecommendation')}
      </h2>
      {visit.status === 'submitted' ? <p class="muted wide">{t('recommendationDraftNote')}</p> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Field id="rec-owner" label={t('ownerGroup')}>
        {() => (
          <select
            id="rec-owner"
            value={owner}
            onChange={(e) => setOwner((e.target as HTMLSelectElement).value)}
          >
            {owners.map((kato) => (
              <option key={kato} value={kato}>
                {reference.name(kato, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <OwnerPartner partners={partners ?? []} value={ownerPartner} onChange={setOwnerPartner} />
      <Field id="rec-due" label={t('dueDate')}>
        {() => (
          <input
            id="rec-due"
            type="date"
            min={inDays(0)}
            value={due}
            onInput={(e) => setDue((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      <VocabularySelect
        id="rec-priority"
        label={t('priority')}
        vocabulary={urgencies}
        value={priority}
        onChange={setPriority}
      />
      <Field id="rec-text" label={t('recommendationText')}>
        {() => (
          <textarea
            id="rec-text"
            rows={3}
            required
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="wide">
        <button type="submit" class="primary">
          {t('issueRecommendation')}
        </button>
      </div>
    </form>
  );
}

// Changes made offline that met a newer version of the case when they were sent (412): shown on
// the case with what was entered, to apply to the current version or discard. Never lost silently.
import { referralTargets } from '@kelisim/contracts/reference/case-reasons';
import {
  escalationLevelLabels,
  followUpResults,
  outcomeKinds,
  sessionKinds,
} from '@kelisim/contracts/reference/case-vocabulary';
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type CaseCommand, caseCommands } from '../case-words.ts';
import { Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { call, type Problem } from '../lib/api.ts';
import { conflicts, discardConflict } from '../lib/drafts.ts';
import { reasonVocabularies } from './case-command-fields.tsx';

type Props = { caseId: string; onApplied: () => void };
type Lang = 'kk' | 'ru';

// What was entered, in words: the fields of case commands and the vocabularies of their values.
const fieldLabels: Record<string, Record<Lang, string>> = {
  level: { kk: 'Деңгей', ru: 'Уровень' },
  reason: { kk: 'Себеп', ru: 'Причина' },
  referredTo: { kk: 'Кімге жіберілді', ru: 'Куда передано' },
  mediatorId: { kk: 'Медиатор', ru: 'Медиатор' },
  kind: { kk: 'Түрі', ru: 'Вид' },
  heldOn: { kk: 'Күні', ru: 'Дата' },
  followedUpOn: { kk: 'Күні', ru: 'Дата' },
  durationMinutes: { kk: 'Ұзақтығы, мин', ru: 'Длительность, мин' },
  outcome: { kk: 'Нәтиже', ru: 'Итог' },
  agreement: { kk: 'Келісім мәтіні', ru: 'Текст соглашения' },
  result: { kk: 'Нәтиже', ru: 'Результат' },
  partyId: { kk: 'Тарап', ru: 'Сторона' },
  consented: { kk: 'Келісім', ru: 'Согласие' },
};
const reasonLabels = Object.assign(
  {},
  ...Object.values(reasonVocabularies).map((vocabulary) => vocabulary.labels),
) as Record<string, Record<Lang, string>>;
const valueLabels: Record<string, Record<string, Record<Lang, string>>> = {
  reason: reasonLabels,
  referredTo: referralTargets.labels,
  kind: sessionKinds.labels,
  outcome: outcomeKinds.labels,
  result: followUpResults.labels,
  level: escalationLevelLabels as unknown as Record<string, Record<Lang, string>>,
};

function valueLabel(field: string, value: unknown, lang: Lang): string {
  if (typeof value === 'boolean')
    return value ? (lang === 'kk' ? 'иә' : 'да') : lang === 'kk' ? 'жоқ' : 'нет';
  return valueLabels[field]?.[String(value)]?.[lang] ?? String(value);
}

export function OfflineConflicts({ caseId, onApplied }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const mine = () => conflicts().filter((item) => item.caseId === caseId);
  const [items, setItems] = useState(mine);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const changed = () => setItems(mine());
    window.addEventListener('kelisim:outbox', changed);
    return () => window.removeEventListener('kelisim:outbox', changed);
  }, [caseId]);

  if (items.length === 0) return null;

  const apply = async (id: string) => {
    const item = items.find((other) => other.id === id);
    if (!item) return;
    // The current version, read now: the page's may be as old as the conflict itself.
    const current = await call('case-intake', `/cases/${caseId}`);
    const answer = await call<Problem>('case-intake', `/cases/${caseId}/${item.command}`, {
      body: item.body,
      ifMatch: current.etag ?? '',
    });
    if (answer.ok) {
      discardConflict(id);
      onApplied();
    } else setError(problemText(i18n, answer.json));
  };

  return (
    <section class="card conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t('offlineConflicts')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <p>
              <strong>{capital(caseCommands.label(item.command as CaseCommand, lang))}</strong> ·{' '}
              {i18n.dateTime(item.savedAt)}
            </p>
            <dl class="facts entered">
              {Object.entries(item.body as Record<string, unknown>).map(([field, value]) => (
                <Fragment key={field}>
                  <dt>{fieldLabels[field]?.[lang] ?? field}</dt>
                  <dd>{valueLabel(field, value, lang)}</dd>
                </Fragment>
              ))}
            </dl>
            <div class="actions-row">
              <button type="button" class="primary" onClick={() => apply(item.id)}>
                {t('applyToCurrent')}
              </button>
              <button type="button" onClick={() => discardConflict(item.id)}>
                {t('discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

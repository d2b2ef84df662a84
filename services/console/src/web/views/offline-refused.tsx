// Work queued without a connection that the services refused once it was sent (a rule it breaks,
// a case that moved on): listed on every view with the reason in the person's language, until they
// correct it in its form or discard it. Never lost silently.
import { useEffect, useState } from 'preact/hooks';
import { type CaseCommand, caseCommands } from '../case-words.ts';
import { problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { discardRefused, type Refused, refused, reopenRefused } from '../lib/drafts.ts';
import { navigate } from '../lib/router.ts';

const words = {
  title: { kk: 'Байланыссыз жасалған жұмыс қабылданбады', ru: 'Работа, сделанная без связи, не принята' },
  register: { kk: 'Істі тіркеу', ru: 'Регистрация дела' },
  acknowledge: { kk: 'Хабарламаны растау', ru: 'Подтверждение оповещения' },
  reopen: { kk: 'Формада түзету', ru: 'Исправить в форме' },
  openCase: { kk: 'Істі ашу', ru: 'Открыть дело' },
  discard: { kk: 'Бас тарту', ru: 'Отказаться' },
} as const;

export function OfflineRefused() {
  const i18n = useI18n();
  const { lang } = i18n;
  const [items, setItems] = useState<Refused[]>(refused);

  useEffect(() => {
    const changed = () => setItems(refused());
    window.addEventListener('kelisim:outbox', changed);
    return () => window.removeEventListener('kelisim:outbox', changed);
  }, []);

  if (items.length === 0) return null;

  const what = (item: Refused) =>
    item.kind === 'register'
      ? words.register[lang]
      : item.kind === 'acknowledge'
        ? words.acknowledge[lang]
        : capital(caseCommands.label(item.command as CaseCommand, lang));

  return (
    <section class="card conflicts refused" aria-labelledby="refused-title">
      <h2 id="refused-title">{words.title[lang]}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.id} data-refused={item.id}>
            <p>
              <strong>{what(item)}</strong> · {i18n.dateTime(item.savedAt)}
            </p>
            <p class="reason">{problemText(i18n, item.problem)}</p>
            <div class="actions-row">
              {item.kind === 'register' ? (
                <button
                  type="button"
                  class="primary"
                  onClick={() => {
                    reopenRefused(item.id);
                    navigate('/cases/new');
                  }}
                >
                  {words.reopen[lang]}
                </button>
              ) : item.kind === 'command' ? (
                <a class="button" href={`#/cases/${item.caseId}`}>
                  {words.openCase[lang]}
                </a>
              ) : null}
              <button type="button" onClick={() => discardRefused(item.id)}>
                {words.discard[lang]}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

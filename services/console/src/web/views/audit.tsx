// The audit trail (administrators): who read or changed which case's personal data, and when,
// newest first, filtered by case, by user and by time (case-intake's GET /audit, limited to the
// administrator's territory). A case number or a user in the list narrows the list to them; users
// appear by name as the identity provider has them (notifications' GET /people/names).
import { roles as roleLabels } from '@kelisim/contracts/reference/people-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { caseCommands } from '../case-words.ts';
import { Loading, Notice } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { type Page, query } from '../lib/api.ts';
import { Input, send, useRefusal } from '../lib/forms.tsx';
import { usePeopleNames } from '../lib/people.ts';
import type { Route } from '../lib/router.ts';

type Entry = {
  entryId: string;
  kind: 'read' | 'change';
  at: string;
  caseId: string;
  caseNumber: string;
  sub: string;
  roles: string[];
  action: string;
  fields: string[];
};

const personalFields = defineVocabulary({
  description: { kk: 'істің сипаттамасы', ru: 'описание дела' },
  'parties.name': { kk: 'тараптардың аты-жөні', ru: 'имена сторон' },
  'parties.contacts': { kk: 'тараптардың байланыстары', ru: 'контакты сторон' },
  'parties.userId': { kk: 'тараптардың есептік жазбалары', ru: 'учётные записи сторон' },
  'sessions.notes': { kk: 'сессия жазбалары', ru: 'заметки сессий' },
  'outcome.agreement': { kk: 'келісім мәтіні', ru: 'текст соглашения' },
  'followUp.notes': { kk: 'бақылау жазбалары', ru: 'заметки контроля' },
});

function actionText(action: string, i18n: Translator): string {
  const { t, lang } = i18n;
  if (action === 'read') return t('auditRead');
  if (action === 'register') return t('auditRegister');
  if (action === 'export') return t('auditExport');
  if (action.startsWith('erase:')) return t('auditErase');
  const command = action.replace(/^command:/, '') as (typeof caseCommands.values)[number];
  return caseCommands.labels[command]?.[lang] ?? t('auditOther');
}

function fieldsText(fields: string[], i18n: Translator): string {
  const personal = fields.filter((f) => personalFields.values.includes(f as 'description'));
  const words = personal.map((f) => personalFields.label(f as 'description', i18n.lang));
  const others = fields.length - personal.length;
  if (others > 0) words.push(i18n.t('auditOtherFields', { count: others }));
  return words.join(', ') || '—';
}

export function Audit({ route }: { route: Route }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [filters, setFilters] = useState({
    caseId: route.params.get('caseId') ?? '',
    caseNumber: route.params.get('caseNumber') ?? '',
    user: route.params.get('user') ?? '',
    from: '',
    to: '',
  });
  const [entries, setEntries] = useState<Entry[] | null>(null);
  // Who, by name as the identity provider has it; the account id when it has none.
  const names = usePeopleNames((entries ?? []).map((entry) => entry.sub));
  const [next, setNext] = useState<string | null>(null);
  const refusal = useRefusal();

  const load = async (cursor?: string) => {
    const { caseNumber: _shown, ...asked } = filters;
    const sent = await send<Page<Entry>>(
      i18n,
      'case-intake',
      `/audit${query({ ...asked, cursor, limit: 50 })}`,
      {},
    );
    if (!sent.ok) {
      refusal.show(sent);
      setEntries([]);
      return;
    }
    refusal.clear();
    setEntries((before) => (cursor ? [...(before ?? []), ...sent.json.items] : sent.json.items));
    setNext(sent.json.nextCursor);
  };
  useEffect(() => {
    void load();
  }, [filters.caseId, filters.user]);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditTitle')}</h1>
      <form
        class="card form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        {filters.caseId ? (
          <p class="wide">
            {t('auditForCase', { number: filters.caseNumber || '…' })}{' '}
            <button type="button" onClick={() => setFilters({ ...filters, caseId: '', caseNumber: '' })}>
              {t('auditAllCases')}
            </button>
          </p>
        ) : null}
        <Input
          id="audit-user"
          label={t('auditUser')}
          value={filters.user}
          error={refusal.of('user')}
          onInput={(user) => setFilters({ ...filters, user })}
        />
        <Input
          id="audit-from"
          type="date"
          label={t('auditFrom')}
          value={filters.from}
          error={refusal.of('from')}
          onInput={(from) => setFilters({ ...filters, from })}
        />
        <Input
          id="audit-to"
          type="date"
          label={t('auditTo')}
          value={filters.to}
          error={refusal.of('to')}
          onInput={(to) => setFilters({ ...filters, to })}
        />
        <div class="wide actions-row">
          <button type="submit" class="primary">
            {t('auditShow')}
          </button>
        </div>
      </form>
      {refusal.message ? <Notice kind="error">{refusal.message}</Notice> : null}
      {entries === null ? <Loading /> : null}
      {entries?.length === 0 && !refusal.message ? <p>{t('noItems')}</p> : null}
      {entries && entries.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auditWhen')}</th>
                <th scope="col">{t('auditCase')}</th>
                <th scope="col">{t('auditWho')}</th>
                <th scope="col">{t('auditWhat')}</th>
                <th scope="col">{t('auditFields')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.entryId}>
                  <td>{i18n.dateTime(entry.at)}</td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        setFilters({ ...filters, caseId: entry.caseId, caseNumber: entry.caseNumber })
                      }
                    >
                      {entry.caseNumber}
                    </button>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() => setFilters({ ...filters, user: entry.sub })}
                    >
                      {names.get(entry.sub) ?? entry.sub}
                    </button>{' '}
                    <span class="muted">
                      ({entry.roles.map((r) => roleLabels.label(r as 'admin', lang)).join(', ')})
                    </span>
                  </td>
                  <td>{capital(actionText(entry.action, i18n))}</td>
                  <td>{fieldsText(entry.fields, i18n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <button type="button" onClick={() => load(next)}>
          {t('groupsMore')}
        </button>
      ) : null}
    </section>
  );
}

// My cases: what case-intake lets this person see (a mediator: cases they registered or are
// assigned), newest first, filtered by status and urgency on the server and searched by number.
import { caseCategories, caseStatuses, urgencies } from '@kelisim/contracts/reference/case-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Field, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, type Page, query } from '../lib/api.ts';
import { RegisterDownloads } from '../lib/downloads.tsx';
import type { Reference } from '../lib/reference.ts';
import { FilteredNote, registerFilters } from '../lib/register-filters.tsx';
import type { Route } from '../lib/router.ts';

export type CaseListItem = {
  caseId: string;
  caseNumber: string;
  status: string;
  region: string;
  district: string;
  category: string;
  urgency: string;
  escalationLevel: number;
  partyCount: number;
  registeredAt: string;
  updatedAt: string;
};

type Props = {
  reference: Reference;
  route: Route;
  /** Whether the person may register cases (supervisors read them only). */
  canRegister?: boolean;
};

export function CasesList({ reference, route, canRegister = true }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const fixed = registerFilters(route, [
    'region',
    'district',
    'category',
    'from',
    'to',
    'outcomeFrom',
    'outcomeTo',
    'escalatedFrom',
    'escalatedTo',
  ]);
  const [status, setStatus] = useState(route.params.get('status') ?? '');
  const [urgency, setUrgency] = useState(route.params.get('urgency') ?? '');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<CaseListItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: string | null) => {
    setError(null);
    try {
      const page = await get<Page<CaseListItem>>(
        'case-intake',
        `/cases${query({ ...fixed, status, urgency, limit: 50, cursor: after })}`,
      );
      setItems((before) => (after ? [...(before ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(problemText(i18n, failure));
      setItems((before) => before ?? []);
    }
  };

  useEffect(() => {
    setItems(null);
    void load(null);
  }, [status, urgency, route.params.toString()]);

  const needle = search.trim().toLowerCase();
  const shown = (items ?? []).filter(
    (item) => needle === '' || item.caseNumber.toLowerCase().includes(needle),
  );

  return (
    <section aria-labelledby="cases-title">
      <div class="title-row">
        <h1 id="cases-title">{t('navCases')}</h1>
        {canRegister ? (
          <a class="button primary" href="#/cases/new">
            {t('navRegister')}
          </a>
        ) : null}
      </div>
      <FilteredNote filters={fixed} clear="#/cases" />
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="case-search" label={t('searchCases')}>
          {() => (
            <input
              id="case-search"
              type="search"
              value={search}
              placeholder="EM-2026-…"
              onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <VocabularySelect
          id="filter-status"
          label={t('status')}
          vocabulary={caseStatuses}
          value={status}
          onChange={setStatus}
          anyLabel={t('any')}
        />
        <VocabularySelect
          id="filter-urgency"
          label={t('urgency')}
          vocabulary={urgencies}
          value={urgency}
          onChange={setUrgency}
          anyLabel={t('any')}
        />
      </form>
      <RegisterDownloads service="case-intake" path="/cases/export" filters={{ ...fixed, status, urgency }} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p>{t('noItems')}</p>
      ) : (
        <ul class="cards" aria-label={t('navCases')}>
          {shown.map((item) => (
            <li key={item.caseId} class="card case-card">
              <a href={`#/cases/${item.caseId}`} class="case-link">
                <span class="case-number">{item.caseNumber}</span>
              </a>
              <div class="meta">
                <Badge tone={`urgency-${item.urgency}`}>
                  {capital(urgencies.label(item.urgency as 'low', lang))}
                </Badge>
                <Badge tone="status">{capital(caseStatuses.label(item.status as 'registered', lang))}</Badge>
              </div>
              <p>
                {capital(caseCategories.label(item.category as 'other', lang))} ·{' '}
                {reference.name(item.district, lang)}
              </p>
              <p class="muted">
                {t('registeredAt')}: {i18n.dateTime(item.registeredAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {cursor ? (
        <button type="button" onClick={() => load(cursor)}>
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}

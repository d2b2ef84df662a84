// One case: its profile, parties (personal data only for those allowed), the timeline from the
// case's commit history, and only the commands its state allows. Commands carry If-Match: an
// edit made meanwhile by someone else answers 412, shown with the form kept as typed.

import { escalationReasons } from '@kelisim/contracts/reference/case-reasons';
import {
  caseCategories,
  caseStatuses,
  escalationLevelLabels,
  partyRoles,
  riskFlags,
  urgencies,
} from '@kelisim/contracts/reference/case-vocabulary';
import { languages } from '@kelisim/contracts/reference/people-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { type CaseCommand, caseCommands, eventLabel } from '../case-words.ts';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import { DocumentLink } from '../lib/downloads.tsx';
import { useMediatorNames } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import type { CaseView } from '../view-types.ts';
import { CommandForm } from './case-command-form.tsx';
import { CasePartners } from './case-partners.tsx';
import { OfflineConflicts } from './offline-conflicts.tsx';

type History = {
  commits: { version: number; committedAt: string; events: { type: string; id: string }[] }[];
};

type Props = {
  caseId: string;
  reference: Reference;
  /** For those who may read cases but not act on them (supervisors): no commands offered. */
  readOnly?: boolean;
};

export function CasePage({ caseId, reference, readOnly = false }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [view, setView] = useState<{ item: CaseView; etag: string } | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<CaseCommand | null>(null);
  // Kept as how to say it, so that switching the language re-says it.
  const [done, setDone] = useState<((i18n: Translator) => string) | null>(() => {
    const number = new URLSearchParams(location.hash.split('?')[1] ?? '').get('registered');
    return number ? (tr: Translator) => tr.t('registered', { number }) : null;
  });

  // A read of this case that set out before a command's answer came back must not put the older
  // version back (another case opened from this page is taken whatever its version).
  const take = (next: { item: CaseView; etag: string }) =>
    setView((shown) =>
      shown?.item.caseId === next.item.caseId && shown.item.version > next.item.version ? shown : next,
    );
  const load = async () => {
    try {
      const [one, log] = await Promise.all([
        call<CaseView>('case-intake', `/cases/${caseId}`),
        call<History>('case-intake', `/cases/${caseId}/history`),
      ]);
      if (!one.ok) throw one.json;
      take({ item: one.json, etag: one.etag ?? '' });
      setHistory(log.ok ? log.json : null);
      setError(null);
    } catch (failure) {
      setError(problemText(i18n, failure));
    }
  };
  useEffect(() => {
    void load();
  }, [caseId]);
  const mediatorNames = useMediatorNames(view?.item.mediatorId ? [view.item.mediatorId] : []);

  if (error && !view) return <Notice kind="error">{error}</Notice>;
  if (!view) return <Loading />;
  const item = view.item;

  return (
    <article aria-labelledby="case-title">
      <h1 id="case-title">{t('caseTitle', { number: item.caseNumber })}</h1>
      {done ? <Notice kind="success">{done(i18n)}</Notice> : null}
      <div class="meta">
        <Badge tone="status">{capital(caseStatuses.label(item.status as 'registered', lang))}</Badge>
        <Badge tone={`urgency-${item.urgency}`}>
          {capital(urgencies.label(item.urgency as 'low', lang))}
        </Badge>
      </div>
      <dl class="facts">
        <dt>{t('category')}</dt>
        <dd>{capital(caseCategories.label(item.category as 'other', lang))}</dd>
        <dt>{t('region')}</dt>
        <dd>
          {reference.name(item.region, lang)}, {reference.name(item.district, lang)}
        </dd>
        <dt>{t('riskFlags')}</dt>
        <dd>
          {item.riskFlags.map((f) => capital(riskFlags.label(f as 'large_group', lang))).join(', ') || '—'}
        </dd>
        <dt>{t('escalationLevel')}</dt>
        <dd>
          {capital(escalationLevelLabels[item.escalationLevel][lang])}
          {item.escalationReason
            ? ` — ${escalationReasons.labels[item.escalationReason as 'other']?.[lang] ?? item.escalationReason}`
            : ''}
        </dd>
        <dt>{t('mediator')}</dt>
        <dd>{item.mediatorId ? (mediatorNames.get(item.mediatorId) ?? t('mediatorUnnamed')) : '—'}</dd>
        <dt>{t('followUpDue')}</dt>
        <dd>{i18n.date(item.followUpDue)}</dd>
        <dt>{t('registeredAt')}</dt>
        <dd>{i18n.dateTime(item.registeredAt)}</dd>
      </dl>
      {item.personalData && item.description ? <p class="description">{item.description}</p> : null}
      {!item.personalData ? <p class="muted">{t('personalHidden')}</p> : null}

      <h2>{t('parties')}</h2>
      <ul class="parties">
        {item.parties.map((party, index) => (
          <li key={party.partyId}>
            <strong>{party.name ?? t('party', { n: index + 1 })}</strong> ·{' '}
            {partyRoles.labels[party.role as 'other']?.[lang] ?? party.role} ·{' '}
            {languages.label(party.language as 'kk', lang)} · {t('consent')}:{' '}
            {party.consent === null ? t('notAsked') : party.consent.consented ? t('consented') : t('refused')}
          </li>
        ))}
      </ul>
      <CasePartners item={item} />

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t('documentsTitle')}</h2>
        <p class="downloads">
          {/* The agreement names the parties: case-intake prints it for who may see them. */}
          {item.personalData && item.outcome?.writtenAgreement ? (
            <DocumentLink
              service="case-intake"
              path={`/cases/${item.caseId}/documents/agreement`}
              label="printAgreement"
            />
          ) : null}
          <DocumentLink
            service="case-intake"
            path={`/cases/${item.caseId}/documents/summary`}
            label="printSummary"
          />
        </p>
      </section>

      {readOnly ? (
        <p class="muted">{t('caseReadOnly')}</p>
      ) : (
        <>
          <OfflineConflicts caseId={item.caseId} onApplied={load} />
          <section aria-labelledby="actions-title" class="card">
            <h2 id="actions-title">{t('actions')}</h2>
            {item.allowedCommands.length === 0 ? <p>{t('noActions')}</p> : null}
            <div class="command-buttons">
              {[
                ...item.allowedCommands,
                // Withdrawing consent is open in any state, to a party who gave it.
                ...(item.parties.some((party) => party.consent?.consented)
                  ? (['withdraw-consent'] as const)
                  : []),
              ].map((command) => (
                <button
                  type="button"
                  key={command}
                  data-command={command}
                  aria-expanded={open === command}
                  onClick={() => setOpen(open === command ? null : command)}
                >
                  {capital(caseCommands.label(command, lang))}
                </button>
              ))}
            </div>
            {open ? (
              <CommandForm
                key={open}
                command={open}
                item={item}
                etag={view.etag}
                onDone={async (command, after) => {
                  // The answer is the case as the command left it: the next command goes on its
                  // version at once, while the timeline is read again.
                  take(after);
                  setOpen(null);
                  setDone(
                    () => (tr: Translator) =>
                      tr.t('commandDone', { action: caseCommands.label(command, tr.lang) }),
                  );
                  await load();
                }}
                onReload={load}
              />
            ) : null}
          </section>
        </>
      )}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol class="timeline">
          {(history?.commits ?? []).flatMap((commit) =>
            commit.events.map((event) => (
              <li key={event.id}>
                <time dateTime={commit.committedAt}>{i18n.dateTime(commit.committedAt)}</time>{' '}
                <span>{capital(eventLabel(event.type, lang))}</span>
              </li>
            )),
          )}
        </ol>
      </section>
    </article>
  );
}

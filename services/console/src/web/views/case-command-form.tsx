// The form of one case command, sent with If-Match. On 412 the form and what was typed stay, with
// the conflict explained and a way to see the current version (DESIGN.md §5: offline edits are
// replayed this way, and a conflicting one is shown, not lost).
import { dayOf } from '@kelisim/contracts/calendar';
import {
  declineReasons,
  escalationReasons,
  referralReasons,
  referralTargets,
  reopenReasons,
  withdrawalReasons,
} from '@kelisim/contracts/reference/case-reasons';
import { followUpResults, outcomeKinds, sessionKinds } from '@kelisim/contracts/reference/case-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useState } from 'preact/hooks';
import { type CaseCommand, caseCommands } from '../case-words.ts';
import { Field, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, NetworkError, type Problem } from '../lib/api.ts';
import { enqueue } from '../lib/drafts.ts';
import { numberOrText } from '../lib/forms.tsx';
import type { CaseView } from '../view-types.ts';
import { AssignMediator } from './assign-mediator.tsx';
import {
  type ParticipantRow,
  PartnerParticipants,
  ReferralPartner,
  SessionVenue,
  useRegionPartners,
} from './partner-pickers.tsx';

const levels = defineVocabulary({
  '1': { kk: 'аудандық топ', ru: 'районная группа' },
  '2': { kk: 'облыстық топ', ru: 'областная группа' },
  '3': { kk: 'республикалық топ', ru: 'республиканская группа' },
});

type Props = {
  command: CaseCommand;
  item: CaseView;
  etag: string;
  onDone: (command: CaseCommand) => void;
  onReload: () => void;
};

const today = () => dayOf(new Date());

export function CommandForm({ command, item, etag, onDone, onReload }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [values, setValues] = useState<Record<string, string>>(() => ({
    level: String(Math.min(3, item.escalationLevel + 1)),
    reason: '',
    heldOn: today(),
    followedUpOn: today(),
    durationMinutes: '60',
    kind: sessionKinds.values[0],
    outcome: 'agreement',
    result: followUpResults.values[0],
    partyId:
      (command === 'withdraw-consent'
        ? item.parties.find((p) => p.consent?.consented)?.partyId
        : item.parties.find((p) => p.consent === null)?.partyId) ??
      item.parties[0]?.partyId ??
      '',
    consented: 'true',
  }));
  const [problem, setProblem] = useState<{
    say: (tr: Translator) => string;
    conflict: boolean;
    offline?: boolean;
  } | null>(null);
  const set = (key: string) => (value: string) => setValues((before) => ({ ...before, [key]: value }));
  // Referrals and sessions name partners of the case's region (issue 27).
  const namesPartners = command === 'refer-out' || command === 'record-session';
  const { partners, error: partnersError } = useRegionPartners(namesPartners ? item.region : null);
  const [participants, setParticipants] = useState<ParticipantRow[]>([]);
  const text = (key: string) => values[key] ?? '';
  const reason = (vocabulary: { values: readonly string[] }) => values.reason || vocabulary.values[0] || '';

  const body = (): Record<string, unknown> => {
    switch (command) {
      case 'decline':
        return { reason: reason(declineReasons) };
      case 'refer-out':
        return {
          reason: reason(referralReasons),
          referredTo: values.referredTo || referralTargets.values[0],
          ...(values.referredTo === 'partner' ? { partnerId: text('partnerId') } : {}),
        };
      case 'record-consent':
        return { partyId: values.partyId, consented: values.consented === 'true' };
      case 'withdraw-consent':
        return { partyId: values.partyId };
      case 'assign':
        return {
          mediatorId: text('mediatorId').trim(),
          ...(text('supervisorId') ? { supervisorId: text('supervisorId') } : {}),
        };
      case 'record-session':
        return {
          kind: values.kind,
          heldOn: values.heldOn,
          durationMinutes: Number(values.durationMinutes),
          ...(text('venuePartnerId') ? { venuePartnerId: text('venuePartnerId') } : {}),
          partnerParticipants: participants.map((row) => ({
            partnerId: row.partnerId,
            count: numberOrText(row.count),
          })),
        };
      case 'escalate':
        return { level: Number(values.level), reason: reason(escalationReasons) };
      case 'record-outcome':
        return {
          outcome: values.outcome,
          ...(values.agreement ? { agreement: values.agreement } : {}),
          ...(values.followUpDue ? { followUpDue: values.followUpDue } : {}),
        };
      case 'follow-up':
        return { followedUpOn: values.followedUpOn, result: values.result };
      case 'reopen':
        return { reason: reason(reopenReasons) };
      case 'withdraw':
        return { reason: reason(withdrawalReasons) };
      default:
        return {};
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      const answer = await call<Problem>('case-intake', `/cases/${item.caseId}/${command}`, {
        body: body(),
        ifMatch: etag,
      });
      if (answer.ok) onDone(command);
      else
        setProblem({
          say: (tr) => (answer.status === 412 ? tr.t('conflict') : problemText(tr, answer.json)),
          conflict: answer.status === 412,
        });
    } catch (failure) {
      if (failure instanceof NetworkError) {
        // Kept on the device with the version it was made on; sent when back online (lib/drafts.ts).
        enqueue({
          id: crypto.randomUUID(),
          kind: 'command',
          caseId: item.caseId,
          command,
          body: body(),
          ifMatch: etag,
          savedAt: new Date().toISOString(),
        });
        setProblem({ say: (tr) => tr.t('offlineSaved'), conflict: false, offline: true });
      } else setProblem({ say: (tr) => problemText(tr, failure), conflict: false });
    }
  };

  const reasonSelect = (vocabulary: Parameters<typeof VocabularySelect>[0]['vocabulary']) => (
    <VocabularySelect
      id="command-reason"
      label={t('reason')}
      vocabulary={vocabulary}
      value={reason(vocabulary)}
      onChange={set('reason')}
    />
  );

  return (
    <form class="command-form" onSubmit={submit} aria-label={capital(caseCommands.label(command, lang))}>
      {problem ? (
        <Notice kind={problem.offline ? 'warning' : 'error'}>
          {problem.say(i18n)}{' '}
          {problem.conflict ? (
            <button type="button" onClick={onReload}>
              {t('conflictReload')}
            </button>
          ) : null}
        </Notice>
      ) : null}
      {partnersError ? <Notice kind="error">{partnersError}</Notice> : null}
      {command === 'decline' ? reasonSelect(declineReasons) : null}
      {command === 'refer-out' ? (
        <>
          {reasonSelect(referralReasons)}
          <VocabularySelect
            id="command-target"
            label={t('details')}
            vocabulary={referralTargets}
            value={values.referredTo || referralTargets.values[0]}
            onChange={set('referredTo')}
          />
          {values.referredTo === 'partner' && partners ? (
            <ReferralPartner partners={partners} value={text('partnerId')} onChange={set('partnerId')} />
          ) : null}
        </>
      ) : null}
      {command === 'reopen' ? reasonSelect(reopenReasons) : null}
      {command === 'withdraw' ? reasonSelect(withdrawalReasons) : null}
      {command === 'escalate' ? (
        <>
          <VocabularySelect
            id="command-level"
            label={t('level')}
            vocabulary={levels}
            value={text('level')}
            onChange={set('level')}
          />
          {reasonSelect(escalationReasons)}
        </>
      ) : null}
      {command === 'record-consent' || command === 'withdraw-consent' ? (
        <>
          <Field id="command-party" label={t('party', { n: '' }).trim()}>
            {() => (
              <select
                id="command-party"
                value={values.partyId}
                onChange={(e) => set('partyId')((e.target as HTMLSelectElement).value)}
              >
                {item.parties.map((party, index) => (
                  <option key={party.partyId} value={party.partyId}>
                    {party.name ?? t('party', { n: index + 1 })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {command === 'withdraw-consent' ? (
            <p class="muted">{t('withdrawConsentWarning')}</p>
          ) : (
            <Field id="command-consented" label={t('consent')}>
              {() => (
                <select
                  id="command-consented"
                  value={values.consented}
                  onChange={(e) => set('consented')((e.target as HTMLSelectElement).value)}
                >
                  <option value="true">{t('consented')}</option>
                  <option value="false">{t('refused')}</option>
                </select>
              )}
            </Field>
          )}
        </>
      ) : null}
      {command === 'assign' ? (
        <AssignMediator
          caseId={item.caseId}
          value={text('mediatorId')}
          onChange={set('mediatorId')}
          supervisor={text('supervisorId')}
          onSupervisor={set('supervisorId')}
        />
      ) : null}
      {command === 'record-session' ? (
        <>
          <VocabularySelect
            id="command-kind"
            label={t('sessionKind')}
            vocabulary={sessionKinds}
            value={text('kind')}
            onChange={set('kind')}
          />
          <Field id="command-held" label={t('heldOn')}>
            {() => (
              <input
                id="command-held"
                type="date"
                value={text('heldOn')}
                onInput={(e) => set('heldOn')((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <Field id="command-duration" label={t('durationMinutes')}>
            {() => (
              <input
                id="command-duration"
                type="number"
                min={1}
                max={1440}
                value={text('durationMinutes')}
                onInput={(e) => set('durationMinutes')((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          {partners ? (
            <>
              <SessionVenue
                partners={partners}
                value={text('venuePartnerId')}
                onChange={set('venuePartnerId')}
              />
              <PartnerParticipants partners={partners} rows={participants} onChange={setParticipants} />
            </>
          ) : null}
        </>
      ) : null}
      {command === 'record-outcome' ? (
        <>
          <VocabularySelect
            id="command-outcome"
            label={t('outcome')}
            vocabulary={outcomeKinds}
            value={text('outcome')}
            onChange={set('outcome')}
          />
          <Field id="command-agreement" label={t('agreementText')}>
            {() => (
              <textarea
                id="command-agreement"
                rows={3}
                value={text('agreement')}
                onInput={(e) => set('agreement')((e.target as HTMLTextAreaElement).value)}
              />
            )}
          </Field>
          {/* The day the mediator checks that the agreement holds; case-intake reminds them then. */}
          <Field id="command-follow-up-due" label={t('followUpDue')}>
            {() => (
              <input
                id="command-follow-up-due"
                type="date"
                min={today()}
                value={text('followUpDue')}
                onInput={(e) => set('followUpDue')((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
        </>
      ) : null}
      {command === 'follow-up' ? (
        <>
          <Field id="command-followed" label={t('heldOn')}>
            {() => (
              <input
                id="command-followed"
                type="date"
                value={text('followedUpOn')}
                onInput={(e) => set('followedUpOn')((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <VocabularySelect
            id="command-result"
            label={t('followUpResult')}
            vocabulary={followUpResults}
            value={text('result')}
            onChange={set('result')}
          />
        </>
      ) : null}
      <button type="submit" class="primary" disabled={command === 'assign' && text('mediatorId') === ''}>
        {capital(caseCommands.label(command, lang))}
      </button>
    </form>
  );
}

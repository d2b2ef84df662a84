// The form of one case command, sent with If-Match. On 412 the form and what was typed stay, with
// the conflict explained and a way to see the current version (DESIGN.md §5: offline edits are
// replayed this way, and a conflicting one is shown, not lost). What each command asks for is in
// case-command-fields.tsx; here, the values, the body sent and what came of it.
import { referralTargets } from '@kelisim/contracts/reference/case-reasons';
import { followUpResults, sessionKinds } from '@kelisim/contracts/reference/case-vocabulary';
import { useState } from 'preact/hooks';
import { type CaseCommand, caseCommands } from '../case-words.ts';
import { Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, NetworkError, type Problem } from '../lib/api.ts';
import { enqueue } from '../lib/drafts.ts';
import { numberOrText } from '../lib/forms.tsx';
import type { CaseView } from '../view-types.ts';
import { AssignMediator } from './assign-mediator.tsx';
import {
  type CommandValues,
  ConsentFields,
  FollowUpFields,
  isReasoned,
  OutcomeFields,
  ReasonFields,
  reasonOf,
  SessionFields,
  today,
} from './case-command-fields.tsx';
import { type ParticipantRow, useRegionPartners } from './partner-pickers.tsx';

type Props = {
  command: CaseCommand;
  item: CaseView;
  etag: string;
  /** The case as the command left it, with its new ETag: the next command is sent on that version. */
  onDone: (command: CaseCommand, after: { item: CaseView; etag: string }) => void;
  onReload: () => void;
};

export function CommandForm({ command, item, etag, onDone, onReload }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [values, setValues] = useState<CommandValues>(() => ({
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

  const body = (): Record<string, unknown> => {
    switch (command) {
      case 'decline':
      case 'reopen':
      case 'withdraw':
        return { reason: reasonOf(values, command) };
      case 'refer-out':
        return {
          reason: reasonOf(values, command),
          referredTo: values.referredTo || referralTargets.values[0],
          ...(values.referredTo === 'partner' ? { partnerId: text('partnerId') } : {}),
        };
      case 'escalate':
        return { level: Number(values.level), reason: reasonOf(values, command) };
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
      case 'record-outcome':
        return {
          outcome: values.outcome,
          ...(values.agreement ? { agreement: values.agreement } : {}),
          ...(values.followUpDue ? { followUpDue: values.followUpDue } : {}),
        };
      case 'follow-up':
        return { followedUpOn: values.followedUpOn, result: values.result };
      default:
        return {};
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      const answer = await call<CaseView | Problem>('case-intake', `/cases/${item.caseId}/${command}`, {
        body: body(),
        ifMatch: etag,
      });
      if (answer.ok) {
        const after = answer.json as CaseView;
        onDone(command, { item: after, etag: answer.etag ?? `"${after.version}"` });
      } else
        setProblem({
          say: (tr) => (answer.status === 412 ? tr.t('conflict') : problemText(tr, answer.json as Problem)),
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
      {isReasoned(command) ? (
        <ReasonFields command={command} values={values} set={set} partners={partners} />
      ) : null}
      {command === 'record-consent' || command === 'withdraw-consent' ? (
        <ConsentFields command={command} item={item} values={values} set={set} />
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
        <SessionFields
          values={values}
          set={set}
          partners={partners}
          participants={participants}
          onParticipants={setParticipants}
        />
      ) : null}
      {command === 'record-outcome' ? <OutcomeFields values={values} set={set} /> : null}
      {command === 'follow-up' ? <FollowUpFields values={values} set={set} /> : null}
      <button type="submit" class="primary" disabled={command === 'assign' && text('mediatorId') === ''}>
        {capital(caseCommands.label(command, lang))}
      </button>
    </form>
  );
}

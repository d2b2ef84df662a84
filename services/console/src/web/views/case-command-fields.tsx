// What each case command asks for, by group: why (the reasons of a decline, referral, escalation,
// reopening or withdrawal), whose consent, the session held, the outcome and its follow-up date,
// the follow-up made. case-command-form.tsx holds the values and sends them.

import type { PartnerView as Partner } from '@kelisim/contracts/api/partners';
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
import { defineVocabulary, type Vocabulary } from '@kelisim/contracts/reference/vocabulary';
import type { CaseCommand } from '../case-words.ts';
import { Field, VocabularySelect } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import type { CaseView } from '../view-types.ts';
import {
  type ParticipantRow,
  PartnerParticipants,
  ReferralPartner,
  SessionVenue,
} from './partner-pickers.tsx';

export type CommandValues = Record<string, string>;
type FieldsProps = { values: CommandValues; set: (key: string) => (value: string) => void };

export const today = () => dayOf(new Date());

/** The commands that say why, and the reasons each chooses from. */
export type ReasonedCommand = Extract<
  CaseCommand,
  'decline' | 'refer-out' | 'escalate' | 'reopen' | 'withdraw'
>;
export const reasonVocabularies: Record<ReasonedCommand, Vocabulary<string>> = {
  decline: declineReasons,
  'refer-out': referralReasons,
  escalate: escalationReasons,
  reopen: reopenReasons,
  withdraw: withdrawalReasons,
};

export const isReasoned = (command: CaseCommand): command is ReasonedCommand => command in reasonVocabularies;

/** The reason chosen, or the first of the command's reasons (what the select shows). */
export const reasonOf = (values: CommandValues, command: ReasonedCommand): string =>
  values.reason || reasonVocabularies[command].values[0] || '';

const levels = defineVocabulary({
  '1': { kk: 'аудандық топ', ru: 'районная группа' },
  '2': { kk: 'облыстық топ', ru: 'областная группа' },
  '3': { kk: 'республикалық топ', ru: 'республиканская группа' },
});

const text = (values: CommandValues, key: string) => values[key] ?? '';

/** A day the command names (held, followed up, due), kept in `values[name]`. */
function DayField({
  id,
  label,
  name,
  min,
  values,
  set,
}: FieldsProps & { id: string; label: string; name: string; min?: string }) {
  return (
    <Field id={id} label={label}>
      {() => (
        <input
          id={id}
          type="date"
          min={min}
          value={text(values, name)}
          onInput={(e) => set(name)((e.target as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

/** Why: the reason, with the level of an escalation and where a referral goes. */
export function ReasonFields({
  command,
  values,
  set,
  partners,
}: FieldsProps & { command: ReasonedCommand; partners: Partner[] | null }) {
  const { t } = useI18n();
  return (
    <>
      {command === 'escalate' ? (
        <VocabularySelect
          id="command-level"
          label={t('level')}
          vocabulary={levels}
          value={text(values, 'level')}
          onChange={set('level')}
        />
      ) : null}
      <VocabularySelect
        id="command-reason"
        label={t('reason')}
        vocabulary={reasonVocabularies[command]}
        value={reasonOf(values, command)}
        onChange={set('reason')}
      />
      {command === 'refer-out' ? (
        <>
          <VocabularySelect
            id="command-target"
            label={t('details')}
            vocabulary={referralTargets}
            value={values.referredTo || referralTargets.values[0]}
            onChange={set('referredTo')}
          />
          {values.referredTo === 'partner' && partners ? (
            <ReferralPartner
              partners={partners}
              value={text(values, 'partnerId')}
              onChange={set('partnerId')}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Whose consent is recorded (given or refused), or withdrawn. */
export function ConsentFields({
  command,
  item,
  values,
  set,
}: FieldsProps & { command: 'record-consent' | 'withdraw-consent'; item: CaseView }) {
  const { t } = useI18n();
  return (
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
  );
}

/** A session: its kind, day and length, and the partners whose premises or people it had. */
export function SessionFields({
  values,
  set,
  partners,
  participants,
  onParticipants,
}: FieldsProps & {
  partners: Partner[] | null;
  participants: ParticipantRow[];
  onParticipants: (rows: ParticipantRow[]) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <VocabularySelect
        id="command-kind"
        label={t('sessionKind')}
        vocabulary={sessionKinds}
        value={text(values, 'kind')}
        onChange={set('kind')}
      />
      <DayField id="command-held" label={t('heldOn')} name="heldOn" values={values} set={set} />
      <Field id="command-duration" label={t('durationMinutes')}>
        {() => (
          <input
            id="command-duration"
            type="number"
            min={1}
            max={1440}
            value={text(values, 'durationMinutes')}
            onInput={(e) => set('durationMinutes')((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      {partners ? (
        <>
          <SessionVenue
            partners={partners}
            value={text(values, 'venuePartnerId')}
            onChange={set('venuePartnerId')}
          />
          <PartnerParticipants partners={partners} rows={participants} onChange={onParticipants} />
        </>
      ) : null}
    </>
  );
}

/** The outcome, the agreement's words, and the day to check that it holds. */
export function OutcomeFields({ values, set }: FieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <VocabularySelect
        id="command-outcome"
        label={t('outcome')}
        vocabulary={outcomeKinds}
        value={text(values, 'outcome')}
        onChange={set('outcome')}
      />
      <Field id="command-agreement" label={t('agreementText')}>
        {() => (
          <textarea
            id="command-agreement"
            rows={3}
            value={text(values, 'agreement')}
            onInput={(e) => set('agreement')((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      {/* The day the mediator checks that the agreement holds; case-intake reminds them then. */}
      <DayField
        id="command-follow-up-due"
        label={t('followUpDue')}
        name="followUpDue"
        min={today()}
        values={values}
        set={set}
      />
    </>
  );
}

/** The follow-up made: when, and what it found. */
export function FollowUpFields({ values, set }: FieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <DayField id="command-followed" label={t('heldOn')} name="followedUpOn" values={values} set={set} />
      <VocabularySelect
        id="command-result"
        label={t('followUpResult')}
        vocabulary={followUpResults}
        value={text(values, 'result')}
        onChange={set('result')}
      />
    </>
  );
}

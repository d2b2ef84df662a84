// The mediator picker of the assign command: the mediators case-intake's eligibility read model
// offers for this case (valid certificate, covers the region, speaks a party's language, not a
// party), by name, and the region's others with every reason they are not offered, in words.
// A volunteer (issue 27) is offered for low- and medium-urgency cases only, and is assigned with a
// certified mediator of those offered as supervisor; the rule is shown beside the picker.
import type { EligibleMediators } from '@kelisim/contracts/api/cases';
import { assignmentConditions } from '@kelisim/contracts/reference/case-reasons';
import { useEffect, useState } from 'preact/hooks';
import { Field, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import { useMediatorNames } from '../lib/people.ts';

type Props = {
  caseId: string;
  value: string;
  onChange: (mediatorId: string) => void;
  /** The certified supervisor named with a volunteer; empty for a certified mediator. */
  supervisor: string;
  onSupervisor: (mediatorId: string) => void;
};

export function AssignMediator({ caseId, value, onChange, supervisor, onSupervisor }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [offer, setOffer] = useState<EligibleMediators | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<EligibleMediators>('case-intake', `/cases/${caseId}/eligible-mediators`)
      .then((answer) => {
        setOffer(answer);
        if (!value && answer.eligible[0]) pick(answer, answer.eligible[0].mediatorId);
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [caseId]);
  const names = useMediatorNames([
    ...(offer?.eligible ?? []).map((m) => m.mediatorId),
    ...(offer?.notOffered ?? []).map((m) => m.mediatorId),
  ]);

  // A volunteer comes with the first certified mediator offered as supervisor; anyone else with none.
  function pick(answer: EligibleMediators, mediatorId: string) {
    onChange(mediatorId);
    const volunteer = answer.eligible.some((m) => m.mediatorId === mediatorId && m.kind === 'volunteer');
    const certified = answer.eligible.find((m) => m.kind === 'certified' && m.mediatorId !== mediatorId);
    onSupervisor(volunteer ? (certified?.mediatorId ?? '') : '');
  }

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!offer) return <Loading />;
  const volunteerPicked = offer.eligible.some((m) => m.mediatorId === value && m.kind === 'volunteer');
  const supervisors = offer.eligible.filter((m) => m.kind === 'certified' && m.mediatorId !== value);
  const volunteersAround =
    offer.eligible.some((m) => m.kind === 'volunteer') ||
    offer.notOffered.some((m) => m.reasons.includes('volunteer_urgency'));
  // Two mediators whose names the caller may not read stay apart by their place in the list.
  const nameOf = (mediatorId: string, index: number) =>
    names.get(mediatorId) ?? `${capital(t('mediatorUnnamed'))} ${i18n.number(index + 1)}`;

  return (
    <>
      {offer.eligible.length === 0 ? (
        <p id="command-mediator-none">{t('noEligibleMediators')}</p>
      ) : (
        <Field id="command-mediator" label={t('mediatorPick')}>
          {() => (
            <select
              id="command-mediator"
              required
              value={value}
              onChange={(e) => pick(offer, (e.target as HTMLSelectElement).value)}
            >
              {offer.eligible.map((mediator, index) => (
                <option key={mediator.mediatorId} value={mediator.mediatorId}>
                  {mediator.kind === 'volunteer'
                    ? t('volunteerMark', { name: nameOf(mediator.mediatorId, index) })
                    : nameOf(mediator.mediatorId, index)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {volunteersAround ? (
        <p class="hint" id="volunteer-rules">
          {t('volunteerRules')}
        </p>
      ) : null}
      {volunteerPicked && supervisors.length === 0 ? (
        <p id="command-supervisor-none">{t('supervisorNone')}</p>
      ) : null}
      {volunteerPicked && supervisors.length > 0 ? (
        <Field id="command-supervisor" label={t('supervisorPick')}>
          {() => (
            <select
              id="command-supervisor"
              required
              value={supervisor}
              onChange={(e) => onSupervisor((e.target as HTMLSelectElement).value)}
            >
              {supervisors.map((mediator) => (
                <option key={mediator.mediatorId} value={mediator.mediatorId}>
                  {nameOf(mediator.mediatorId, offer.eligible.indexOf(mediator))}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {offer.notOffered.length > 0 ? (
        <section class="not-offered" aria-labelledby="not-offered-title">
          <h3 id="not-offered-title">{t('notOffered')}</h3>
          <ul>
            {offer.notOffered.map((mediator, index) => (
              <li key={mediator.mediatorId}>
                <strong>{nameOf(mediator.mediatorId, offer.eligible.length + index)}</strong>:{' '}
                {mediator.reasons.map((reason) => assignmentConditions.label(reason, lang)).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

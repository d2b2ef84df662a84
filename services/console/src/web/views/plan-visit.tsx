// Planning a visit: region, dates and team (the supervisor first).
import { dayOf } from '@kelisim/contracts/calendar';
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { useState } from 'preact/hooks';
import { Field, Notice, problemText } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { call, type Problem } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from '../view-types.ts';

const today = () => dayOf(new Date());

export function PlanVisit({
  reference,
  session,
  onPlanned,
}: {
  reference: Reference;
  session: Session;
  onPlanned: () => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const mine = reference.regions.filter(
    (r) => session.regions.includes(wholeRepublic) || session.regions.includes(r.kato),
  );
  const [region, setRegion] = useState(mine[0]?.kato ?? '');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [team, setTeam] = useState(session.sub);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const answer = await call<Problem & { id: string }>('regional-monitoring', '/visits', {
      body: {
        region,
        districts: [],
        plannedFrom: from,
        plannedTo: to,
        team: team
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      },
    });
    if (answer.ok) onPlanned();
    else setError(problemText(i18n, answer.json));
  };

  return (
    <details class="card">
      <summary>{t('planVisit')}</summary>
      <form class="form-grid" onSubmit={submit}>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Field id="visit-region" label={t('region')}>
          {() => (
            <select
              id="visit-region"
              value={region}
              onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}
            >
              {mine.map((r) => (
                <option key={r.kato} value={r.kato}>
                  {r.names[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="visit-from" label={t('plannedFrom')}>
          {() => (
            <input
              id="visit-from"
              type="date"
              value={from}
              onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field id="visit-to" label={t('plannedTo')}>
          {() => (
            <input
              id="visit-to"
              type="date"
              value={to}
              onInput={(e) => setTo((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field id="visit-team" label={t('team')}>
          {() => (
            <input
              id="visit-team"
              value={team}
              onInput={(e) => setTeam((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <div class="wide">
          <button type="submit" class="primary">
            {t('planVisit')}
          </button>
        </div>
      </form>
    </details>
  );
}

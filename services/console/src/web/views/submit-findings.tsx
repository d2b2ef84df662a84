// Findings per indicator of the catalogue (labels in the reader's language, scored 0–4, each step
// with its words on the indicator's scale), the visit's dates and an overall assessment; sent as one
// submission, with the partners of the Assembly's network met in the visit's region (issue 27).
import { dayOf } from '@kelisim/contracts/calendar';
import {
  type IndicatorDirection,
  maxIndicatorScore,
  scoreLabel,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { get } from '../lib/api.ts';
import type { VisitCommand } from '../view-types.ts';
import { PartnersMet, useRegionPartners } from './partner-pickers.tsx';

type Indicator = {
  code: string;
  labels: { kk: string; ru: string };
  direction: IndicatorDirection;
  active?: boolean;
};
const today = () => dayOf(new Date());

export function SubmitFindings({ command, region }: { command: VisitCommand; region: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [overall, setOverall] = useState('');
  const [met, setMet] = useState<string[]>([]);
  const { partners } = useRegionPartners(region);

  useEffect(() => {
    get<{ items: Indicator[] }>('regional-monitoring', '/indicators').then((page) =>
      setIndicators(page.items.filter((i) => i.active !== false)),
    );
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    await command('submit', {
      visitedFrom: from,
      visitedTo: to,
      findings: indicators.map((i) => ({ indicator: i.code, score: Number(scores[i.code] ?? '0') })),
      partnersMet: met,
      overallAssessment: overall.trim() === '' ? null : overall.trim(),
    });
  };

  return (
    <form class="card form-grid" onSubmit={submit} aria-labelledby="submit-title">
      <h2 id="submit-title" class="wide">
        {t('visitSubmit')}
      </h2>
      <Field id="visited-from" label={t('visitedFrom')}>
        {() => (
          <input
            id="visited-from"
            type="date"
            value={from}
            onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      <Field id="visited-to" label={t('visitedTo')}>
        {() => (
          <input
            id="visited-to"
            type="date"
            value={to}
            onInput={(e) => setTo((e.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      {indicators.map((indicator) => (
        <Field key={indicator.code} id={`score-${indicator.code}`} label={indicator.labels[lang]}>
          {() => (
            <select
              id={`score-${indicator.code}`}
              value={scores[indicator.code] ?? '0'}
              onChange={(e) =>
                setScores({ ...scores, [indicator.code]: (e.target as HTMLSelectElement).value })
              }
            >
              {Array.from({ length: maxIndicatorScore + 1 }, (_, score) => (
                <option key={score} value={String(score)}>
                  {t('scoreStep', {
                    score: i18n.number(score),
                    words: scoreLabel(indicator.direction, score, lang),
                  })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      {partners ? <PartnersMet partners={partners} value={met} onChange={setMet} /> : null}
      <Field id="overall" label={t('overall')}>
        {() => (
          <textarea
            id="overall"
            rows={3}
            value={overall}
            onInput={(e) => setOverall((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="wide">
        <button type="submit" class="primary">
          {t('visitSubmit')}
        </button>
      </div>
    </form>
  );
}

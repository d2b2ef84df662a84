// The period of the dashboard's trends, from one month to another (regional-monitoring shows at
// most 36; without a choice, the 12 months up to this one). It lives in the address
// (`#/dashboard/<region>?from=YYYY-MM&to=YYYY-MM`), so that a region's tile, a district, the way
// back and a figure's register (as dates) keep it. A period regional-monitoring refuses (`from`
// after `to`) is said beside the field it names, in the reader's language.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n.ts';
import { type Problem, query } from '../lib/api.ts';
import { Input } from '../lib/forms.tsx';
import { navigate, type Route } from '../lib/router.ts';

/** The address's period, to carry along a link within the dashboard. */
export function periodQuery(route: Route): string {
  return query({ from: route.params.get('from'), to: route.params.get('to') });
}

/** The message regional-monitoring gave for the period's field `name`, if it refused it. */
export function periodRefusal(failure: unknown, name: 'from' | 'to'): string | undefined {
  const problem = failure as Problem | null;
  return problem?.errors?.find((error) => error.path === `/querystring/${name}`)?.message;
}

export function PeriodPicker({
  route,
  shown,
  failure,
}: {
  route: Route;
  /** The months the trends show (empty when refused). */
  shown: readonly string[];
  failure: unknown;
}) {
  const { t } = useI18n();
  const [from, setFrom] = useState(route.params.get('from') ?? shown[0] ?? '');
  const [to, setTo] = useState(route.params.get('to') ?? shown.at(-1) ?? '');
  return (
    <form
      class="filters period-picker"
      aria-label={t('dashPeriodPicker')}
      onSubmit={(event) => {
        event.preventDefault();
        navigate(`/${route.path.join('/')}${query({ from, to })}`);
      }}
    >
      <Input
        id="dash-from"
        type="month"
        label={t('dashFrom')}
        value={from}
        onInput={setFrom}
        error={periodRefusal(failure, 'from')}
      />
      <Input
        id="dash-to"
        type="month"
        label={t('dashTo')}
        value={to}
        onInput={setTo}
        error={periodRefusal(failure, 'to')}
      />
      <div>
        <button type="submit" class="primary">
          {t('dashShowPeriod')}
        </button>
      </div>
    </form>
  );
}

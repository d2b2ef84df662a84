// The indicator catalogue (`#/indicators`, every role): what a monitoring visit scores, each indicator's direction and weight in the risk index, and on its page
// (`#/indicators/<code>`) the words of each step of its scale. Administrators add an indicator and
// edit one (If-Match); regional-monitoring refuses what is wrong, each message beside its field.
import {
  type IndicatorDirection,
  indicatorDirections,
  maxIndicatorScore,
  scoreLabel,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, get } from '../lib/api.ts';
import { FormCard, Input, numberOrText, send, useRefusal } from '../lib/forms.tsx';
import type { Session } from '../view-types.ts';

type Indicator = {
  code: string;
  labels: { kk: string; ru: string };
  direction: IndicatorDirection;
  weight: number;
  active?: boolean;
  version: number;
};

type Form = { kk: string; ru: string; direction: string; weight: string };

/** Whether the signed-in person administers the catalogue (the console's own session answer). */
function useIsAdmin(): boolean {
  const [admin, setAdmin] = useState(false);
  useEffect(() => {
    call<Session>(null, '/session')
      .then((answer) => setAdmin(answer.ok && answer.json.roles.includes('admin')))
      .catch(() => setAdmin(false));
  }, []);
  return admin;
}

/** The fields an addition and an edit share, each with its refusal beside it. */
function IndicatorFields({
  prefix,
  form,
  setForm,
  refusal,
}: {
  prefix: string;
  form: Form;
  setForm: (form: Form) => void;
  refusal: ReturnType<typeof useRefusal>;
}) {
  const { t } = useI18n();
  return (
    <>
      <Input
        id={`${prefix}-label-kk`}
        label={t('courseTitleKk')}
        value={form.kk}
        error={refusal.of('labels.kk')}
        onInput={(kk) => setForm({ ...form, kk })}
      />
      <Input
        id={`${prefix}-label-ru`}
        label={t('courseTitleRu')}
        value={form.ru}
        error={refusal.of('labels.ru')}
        onInput={(ru) => setForm({ ...form, ru })}
      />
      <VocabularySelect
        id={`${prefix}-direction`}
        label={t('indicatorDirection')}
        vocabulary={indicatorDirections}
        value={form.direction}
        onChange={(direction) => setForm({ ...form, direction })}
        error={refusal.of('direction')}
      />
      <Input
        id={`${prefix}-weight`}
        label={t('indicatorWeight')}
        inputMode="decimal"
        value={form.weight}
        error={refusal.of('weight')}
        onInput={(weight) => setForm({ ...form, weight })}
      />
    </>
  );
}

const blank = (): Form & { code: string } => ({
  code: '',
  kk: '',
  ru: '',
  direction: 'escalating',
  weight: '',
});

function NewIndicator({ i18n, onAdded }: { i18n: Translator; onAdded: () => void }) {
  const { t } = i18n;
  const [form, setForm] = useState(blank);
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(i18n, 'regional-monitoring', '/indicators', {
      body: {
        code: form.code.trim(),
        labels: { kk: form.kk, ru: form.ru },
        direction: form.direction,
        weight: numberOrText(form.weight.replace(',', '.')),
      },
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    setForm(blank());
    onAdded();
  };
  return (
    <FormCard
      id="new-indicator-title"
      title={t('indicatorNew')}
      refusal={refusal}
      submitLabel={t('indicatorAdd')}
      onSubmit={submit}
    >
      <Input
        id="indicator-code"
        label={t('indicatorCode')}
        value={form.code}
        error={refusal.of('code')}
        onInput={(code) => setForm({ ...form, code })}
      />
      <IndicatorFields
        prefix="indicator"
        form={form}
        setForm={(next) => setForm({ ...form, ...next })}
        refusal={refusal}
      />
    </FormCard>
  );
}

export function Indicators() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const isAdmin = useIsAdmin();
  const [items, setItems] = useState<Indicator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<{ items: Indicator[] }>('regional-monitoring', '/indicators')
      .then((page) => setItems(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section aria-labelledby="indicators-title">
      <h1 id="indicators-title">{t('indicatorsTitle')}</h1>
      {isAdmin ? <NewIndicator i18n={i18n} onAdded={load} /> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      <ul class="cards">
        {items?.map((indicator) => (
          <li key={indicator.code} class="card">
            <h2>
              <a href={`#/indicators/${indicator.code}`}>{capital(indicator.labels[lang])}</a>
            </h2>
            <p class="muted">
              {capital(indicatorDirections.label(indicator.direction, lang))} ·{' '}
              {t('indicatorWeightIs', { weight: i18n.number(indicator.weight, 2) })}
              {indicator.active === false ? ` · ${t('indicatorInactive')}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function IndicatorPage({ code }: { code: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const isAdmin = useIsAdmin();
  const [shown, setShown] = useState<{ item: Indicator; etag: string } | null>(null);
  const [form, setForm] = useState<Form & { active: boolean }>({ ...blank(), active: true });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal();
  const take = (item: Indicator, etag: string | null) => {
    setShown({ item, etag: etag ?? `"${item.version}"` });
    setForm({
      kk: item.labels.kk,
      ru: item.labels.ru,
      direction: item.direction,
      weight: String(item.weight),
      active: item.active !== false,
    });
  };
  useEffect(() => {
    call<Indicator>('regional-monitoring', `/indicators/${code}`)
      .then((answer) =>
        answer.ok ? take(answer.json, answer.etag) : setError(problemText(i18n, answer.json)),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [code]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!shown) return;
    setSaved(false);
    const sent = await send<Indicator>(i18n, 'regional-monitoring', `/indicators/${code}`, {
      method: 'PATCH',
      body: {
        labels: { kk: form.kk, ru: form.ru },
        direction: form.direction,
        weight: numberOrText(form.weight.replace(',', '.')),
        active: form.active,
      },
      ifMatch: shown.etag,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    take(sent.json, null);
    setSaved(true);
  };

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!shown) return <Loading />;
  const { item } = shown;
  return (
    <article aria-labelledby="indicator-title">
      <p>
        <a href="#/indicators">{t('indicatorsBack')}</a>
      </p>
      <h1 id="indicator-title">{capital(item.labels[lang])}</h1>
      <div class="meta">
        <Badge tone="plain">{capital(indicatorDirections.label(item.direction, lang))}</Badge>
      </div>
      <section aria-labelledby="scale-title">
        <h2 id="scale-title">{t('indicatorScale')}</h2>
        <ul class="timeline">
          {Array.from({ length: maxIndicatorScore + 1 }, (_, score) => (
            <li key={score}>{t('scoreStep', { score, words: scoreLabel(item.direction, score, lang) })}</li>
          ))}
        </ul>
      </section>
      {isAdmin ? (
        <FormCard
          id="indicator-edit-title"
          title={t('indicatorEdit')}
          refusal={refusal}
          saved={saved ? t('mediatorSaved') : null}
          submitLabel={t('save')}
          onSubmit={submit}
        >
          <IndicatorFields
            prefix="edit-indicator"
            form={form}
            setForm={(next) => setForm({ ...form, ...next })}
            refusal={refusal}
          />
          <div class="field checkbox">
            <input
              type="checkbox"
              id="edit-indicator-active"
              checked={form.active}
              onChange={(e) => setForm({ ...form, active: (e.target as HTMLInputElement).checked })}
            />
            <label for="edit-indicator-active">{t('indicatorActive')}</label>
          </div>
        </FormCard>
      ) : null}
    </article>
  );
}

// Alert rules (administrators): for each kind of event, from which severity it raises an alert,
// whom it goes to, and whether the rule is on; edited with If-Match on the rule's version.
import { alertSeverities, alertTargetKinds } from '@kelisim/contracts/reference/alert-vocabulary';
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import { Select, send, useRefusal } from '../lib/forms.tsx';

/** The events notifications ships rules for, in words. */
const ruleEvents = defineVocabulary({
  'case.registered.v1': { kk: 'іс тіркелді', ru: 'зарегистрировано дело' },
  'case.escalated.v1': { kk: 'іс жоғары берілді', ru: 'дело эскалировано' },
  'case.screened.v1': { kk: 'іс алдын ала қаралды', ru: 'проведена первичная оценка дела' },
  'region.risk-changed.v1': { kk: 'өңірдің тәуекел деңгейі өзгерді', ru: 'изменился уровень риска региона' },
  'recommendation.overdue.v1': { kk: 'ұсыным мерзімі өтті', ru: 'просрочена рекомендация' },
  'case.follow-up-due.v1': { kk: 'бақылау мерзімі келді', ru: 'наступил срок контроля по делу' },
  'certification.expiring.v1': { kk: 'сертификат мерзімі аяқталуда', ru: 'истекает сертификат' },
  'certification.expired.v1': { kk: 'сертификат мерзімі өтті', ru: 'истёк сертификат' },
});

const targets = defineVocabulary({
  district: { kk: 'аудандық топ', ru: 'районная группа' },
  case_level: { kk: 'істің деңгейіндегі топ', ru: 'группа уровня эскалации дела' },
  district_or_region: { kk: 'аудандық топ, жоқ болса облыстық', ru: 'районная группа, иначе областная' },
  region: { kk: 'облыстық топ', ru: 'областная группа' },
  republic: { kk: 'республикалық топ', ru: 'республиканская группа' },
  owner: { kk: 'ұсынымға жауапты топ', ru: 'группа, ответственная за рекомендацию' },
  mediator_regions: { kk: 'медиатор жұмыс істейтін облыстардың топтары', ru: 'группы регионов медиатора' },
  coordinators: { kk: 'Орталықтың үйлестірушілері', ru: 'координаторы Центра' },
  supervisors: { kk: 'өңірдің кураторлары', ru: 'кураторы региона' },
  mediator: { kk: 'медиатордың өзі', ru: 'сам медиатор' },
});
// Every kind the contracts know has its words (a new kind fails the type check here).
const _everyTarget: readonly (typeof targets.values)[number][] = alertTargetKinds;

type Rule = {
  id: string;
  eventType: string;
  minSeverity: (typeof alertSeverities.values)[number];
  targets: string[];
  enabled: boolean;
  version: number;
};

function RuleCard({
  i18n,
  rule,
  saved,
  onDone,
}: {
  i18n: Translator;
  rule: Rule;
  /** Just saved: the card is drawn anew from the saved version, and says so. */
  saved: boolean;
  onDone: (ruleId: string) => void;
}) {
  const { t, lang } = i18n;
  const [form, setForm] = useState({
    minSeverity: rule.minSeverity as string,
    targets: rule.targets,
    enabled: rule.enabled,
  });
  const refusal = useRefusal();
  const id = rule.id;
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(i18n, 'notifications', `/rules/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: form,
      ifMatch: `"${rule.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onDone(id);
  };
  const toggle = (target: string, on: boolean) =>
    setForm({ ...form, targets: on ? [...form.targets, target] : form.targets.filter((x) => x !== target) });
  const event = ruleEvents.labels[rule.eventType as 'case.registered.v1']?.[lang] ?? t('ruleOtherEvent');
  const targetsError = refusal.of('targets');
  return (
    <li class="card">
      <form class="form-grid" noValidate onSubmit={submit} aria-labelledby={`rule-${id}`}>
        <h2 id={`rule-${id}`} class="wide">
          {capital(event)}
        </h2>
        {saved ? (
          <div class="wide">
            <Notice kind="success">{t('ruleSaved')}</Notice>
          </div>
        ) : null}
        {refusal.message ? (
          <div class="wide">
            <Notice kind="error">{refusal.message}</Notice>
          </div>
        ) : null}
        <Select
          id={`rule-severity-${id}`}
          label={t('ruleMinSeverity')}
          value={form.minSeverity}
          error={refusal.of('minSeverity')}
          options={alertSeverities.values.map((value) => ({
            value,
            label: capital(alertSeverities.label(value, lang)),
          }))}
          onChange={(minSeverity) => setForm({ ...form, minSeverity })}
        />
        <div class="field checkbox">
          <input
            type="checkbox"
            id={`rule-enabled-${id}`}
            checked={form.enabled}
            onChange={(e) => setForm({ ...form, enabled: (e.target as HTMLInputElement).checked })}
          />
          <label for={`rule-enabled-${id}`}>{t('ruleEnabled')}</label>
        </div>
        <fieldset
          class={`wide${targetsError ? ' field-invalid' : ''}`}
          aria-describedby={targetsError ? `rule-targets-${id}-error` : undefined}
        >
          <legend>{t('ruleTargets')}</legend>
          <ul class="checklist">
            {targets.values.map((target) => (
              <li key={target}>
                <input
                  type="checkbox"
                  id={`rule-${id}-${target}`}
                  checked={form.targets.includes(target)}
                  aria-invalid={targetsError ? true : undefined}
                  onChange={(e) => toggle(target, (e.target as HTMLInputElement).checked)}
                />
                <label for={`rule-${id}-${target}`}>{capital(targets.label(target, lang))}</label>
              </li>
            ))}
          </ul>
          {targetsError ? (
            <p class="field-error" id={`rule-targets-${id}-error`}>
              {targetsError}
            </p>
          ) : null}
        </fieldset>
        <div class="wide actions-row">
          <button type="submit" class="primary">
            {t('save')}
          </button>
        </div>
      </form>
    </li>
  );
}

export function AlertRules() {
  const i18n = useI18n();
  const { t } = i18n;
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = () =>
    get<Page<Rule>>('notifications', '/rules')
      .then((page) => setRules(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">{t('rulesTitle')}</h1>
      <p class="muted">{t('rulesHint')}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {rules === null && !error ? <Loading /> : null}
      <ul class="cards">
        {rules?.map((rule) => (
          <RuleCard
            key={`${rule.id}-${rule.version}`}
            i18n={i18n}
            rule={rule}
            saved={saved === rule.id}
            onDone={(ruleId) => {
              setSaved(ruleId);
              void load();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

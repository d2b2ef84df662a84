// Registering a case: the contracts' rules checked as the mediator submits (one message per field),
// the form kept on the device as it is typed, and, without a connection, the registration queued
// with its Idempotency-Key and sent when the browser is back online (lib/drafts.ts).
import { registerCaseBodySchema } from '@kelisim/contracts/api/case-registration';
import {
  caseCategories,
  partyKinds,
  partyRoles,
  riskFlags,
  urgencies,
} from '@kelisim/contracts/reference/case-vocabulary';
import { isRegionCode } from '@kelisim/contracts/reference/kato';
import { languages } from '@kelisim/contracts/reference/people-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, NetworkError, type Problem } from '../lib/api.ts';
import { clearFormDraft, enqueue, loadFormDraft, saveFormDraft } from '../lib/drafts.ts';
import type { Reference } from '../lib/reference.ts';
import { navigate } from '../lib/router.ts';
import { type FieldMessage, fieldMessages, withoutBlanks } from '../register-case-schema.ts';
import type { Session } from '../view-types.ts';

type PartyForm = { kind: string; role: string; language: string; name: string; contacts: string };
type Form = {
  region: string;
  district: string;
  category: string;
  urgency: string;
  riskFlags: string[];
  description: string;
  parties: PartyForm[];
};

const emptyParty = (role: string): PartyForm => ({
  kind: 'individual',
  role,
  language: 'kk',
  name: '',
  contacts: '',
});

function blankForm(session: Session): Form {
  const region = session.regions.find(isRegionCode) ?? '';
  return {
    region,
    district: '',
    category: 'neighbourhood',
    urgency: 'medium',
    riskFlags: [],
    description: '',
    parties: [emptyParty('claimant'), emptyParty('respondent')],
  };
}

/** `/body/parties/0/name` → `parties.0.name` */
const fieldOfPointer = (pointer: string) => pointer.replace(/^\/body\//, '').replaceAll('/', '.');

export function RegisterCase({ reference, session }: { reference: Reference; session: Session }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [form, setForm] = useState<Form>(() => loadFormDraft<Form>() ?? blankForm(session));
  const [restored] = useState(() => loadFormDraft<Form>() !== null);
  const [errors, setErrors] = useState<Map<string, FieldMessage | string>>(new Map());
  const [notice, setNotice] = useState<{
    kind: 'error' | 'warning';
    text: (i18n: Translator) => string;
  } | null>(null);
  // Notices are kept as how to say them, so that switching the language re-says them.
  const [busy, setBusy] = useState(false);

  useEffect(() => saveFormDraft(form), [form]);
  // A registration refused after it was sent from the queue comes back here to be corrected.
  useEffect(() => {
    const restore = () => setForm(loadFormDraft<Form>() ?? blankForm(session));
    window.addEventListener('kelisim:draft-restored', restore);
    return () => window.removeEventListener('kelisim:draft-restored', restore);
  }, []);

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((before) => ({ ...before, [key]: value }));
  const setParty = (index: number, key: keyof PartyForm, value: string) =>
    setForm((before) => ({
      ...before,
      parties: before.parties.map((party, i) => (i === index ? { ...party, [key]: value } : party)),
    }));
  const errorOf = (path: string): string | undefined => {
    const found = errors.get(path);
    if (found === undefined) return undefined;
    return typeof found === 'string' ? found : t(found.key, found.values);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setNotice(null);
    const parsed = registerCaseBodySchema(reference).safeParse(withoutBlanks(form));
    if (!parsed.success) {
      const found = fieldMessages(parsed.error);
      setErrors(found);
      setNotice({ kind: 'error', text: (tr) => tr.t('formHasErrors', { count: found.size }) });
      // Focus the first field in error, so keyboard and screen-reader users land on it.
      requestAnimationFrame(() =>
        (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(),
      );
      return;
    }
    setErrors(new Map());
    const key = crypto.randomUUID();
    setBusy(true);
    try {
      const answer = await call<{ caseId: string; caseNumber: string } & Problem>('case-intake', '/cases', {
        body: parsed.data,
        idempotencyKey: key,
      });
      if (answer.ok) {
        clearFormDraft();
        navigate(`/cases/${answer.json.caseId}?registered=${encodeURIComponent(answer.json.caseNumber)}`);
        return;
      }
      const serverErrors = new Map<string, string>();
      for (const error of answer.json.errors ?? [])
        serverErrors.set(fieldOfPointer(error.path), error.message);
      setErrors(serverErrors);
      setNotice({ kind: 'error', text: (tr) => problemText(tr, answer.json) });
    } catch (failure) {
      if (failure instanceof NetworkError) {
        enqueue({
          id: key,
          kind: 'register',
          body: parsed.data,
          form,
          savedAt: new Date().toISOString(),
        });
        clearFormDraft();
        setForm(blankForm(session));
        setNotice({ kind: 'warning', text: (tr) => tr.t('offlineSaved') });
      } else setNotice({ kind: 'error', text: (tr) => problemText(tr, failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">{t('registerTitle')}</h1>
      {restored ? <Notice kind="info">{t('draftRestored')}</Notice> : null}
      {notice ? <Notice kind={notice.kind}>{notice.text(i18n)}</Notice> : null}
      <form class="card form-grid" onSubmit={submit} noValidate>
        <Field id="region" label={t('region')} error={errorOf('region')}>
          {(describedBy, invalid) => (
            <select
              id="region"
              value={form.region}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) =>
                setForm({ ...form, region: (e.target as HTMLSelectElement).value, district: '' })
              }
            >
              <option value="">{t('none')}</option>
              {reference.regions.map((r) => (
                <option key={r.kato} value={r.kato}>
                  {r.names[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="district" label={t('district')} error={errorOf('district')}>
          {(describedBy, invalid) => (
            <select
              id="district"
              value={form.district}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => set('district', (e.target as HTMLSelectElement).value)}
            >
              <option value="">{t('none')}</option>
              {reference.districtsOf(form.region).map((d) => (
                <option key={d.kato} value={d.kato}>
                  {d.names[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <VocabularySelect
          id="category"
          label={t('category')}
          vocabulary={caseCategories}
          value={form.category}
          onChange={(v) => set('category', v)}
          error={errorOf('category')}
        />
        <VocabularySelect
          id="urgency"
          label={t('urgency')}
          vocabulary={urgencies}
          value={form.urgency}
          onChange={(v) => set('urgency', v)}
          error={errorOf('urgency')}
        />
        <fieldset class="wide">
          <legend>{t('riskFlags')}</legend>
          {riskFlags.values.map((flag) => (
            <label key={flag} class="check">
              <input
                type="checkbox"
                checked={form.riskFlags.includes(flag)}
                onChange={(e) =>
                  set(
                    'riskFlags',
                    (e.target as HTMLInputElement).checked
                      ? [...form.riskFlags, flag]
                      : form.riskFlags.filter((f) => f !== flag),
                  )
                }
              />
              {capital(riskFlags.label(flag, lang))}
            </label>
          ))}
        </fieldset>
        <Field id="description" label={t('description')} error={errorOf('description')}>
          {(describedBy, invalid) => (
            <textarea
              id="description"
              rows={3}
              value={form.description}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => set('description', (e.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        <fieldset class="wide">
          <legend>{t('parties')}</legend>
          {errorOf('parties') ? <p class="field-error">{errorOf('parties')}</p> : null}
          {form.parties.map((party, index) => (
            <fieldset key={index} class="party">
              <legend>{t('party', { n: index + 1 })}</legend>
              <VocabularySelect
                id={`party-${index}-kind`}
                label={t('partyKind')}
                vocabulary={partyKinds}
                value={party.kind}
                onChange={(v) => setParty(index, 'kind', v)}
                error={errorOf(`parties.${index}.kind`)}
              />
              <VocabularySelect
                id={`party-${index}-role`}
                label={t('partyRole')}
                vocabulary={partyRoles}
                value={party.role}
                onChange={(v) => setParty(index, 'role', v)}
                error={errorOf(`parties.${index}.role`)}
              />
              <VocabularySelect
                id={`party-${index}-language`}
                label={t('partyLanguage')}
                vocabulary={languages}
                value={party.language}
                onChange={(v) => setParty(index, 'language', v)}
                error={errorOf(`parties.${index}.language`)}
              />
              <Field
                id={`party-${index}-name`}
                label={t('partyName')}
                error={errorOf(`parties.${index}.name`)}
              >
                {(describedBy, invalid) => (
                  <input
                    id={`party-${index}-name`}
                    value={party.name}
                    autoComplete="off"
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onInput={(e) => setParty(index, 'name', (e.target as HTMLInputElement).value)}
                  />
                )}
              </Field>
              <Field
                id={`party-${index}-contacts`}
                label={t('partyContacts')}
                error={errorOf(`parties.${index}.contacts`)}
              >
                {(describedBy, invalid) => (
                  <input
                    id={`party-${index}-contacts`}
                    value={party.contacts}
                    autoComplete="off"
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    onInput={(e) => setParty(index, 'contacts', (e.target as HTMLInputElement).value)}
                  />
                )}
              </Field>
              {form.parties.length > 1 ? (
                <button
                  type="button"
                  onClick={() =>
                    set(
                      'parties',
                      form.parties.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('removeParty', { n: index + 1 })}
                </button>
              ) : null}
            </fieldset>
          ))}
          <button type="button" onClick={() => set('parties', [...form.parties, emptyParty('other')])}>
            {t('addParty')}
          </button>
        </fieldset>
        <div class="wide actions-row">
          <button type="submit" class="primary" disabled={busy}>
            {t('registerSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

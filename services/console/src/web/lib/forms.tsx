// What the coordinator's and administrator's forms share: a call whose refusal comes back as
// messages per field (the problem's `errors`, in the reader's language) and one for the form, and
// labelled inputs that show their field's message beside them (components.tsx's Field).

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, problemText } from '../components.tsx';
import { type Lang, type Translator, translator, useI18n } from '../i18n.ts';
import { type CallOptions, call, type Problem, type Service } from './api.ts';

/** `/body/title/kk` → `title.kk`: the key a form's fields are known by. */
export const fieldOfPointer = (pointer: string) =>
  pointer.replace(/^\/(body|query)\//, '').replaceAll('/', '.');

/** A refusal: the message for the form, those per field, and the same request asked in another language. */
export type Refused = {
  ok: false;
  fields: Map<string, string>;
  message: string;
  lang: Lang;
  /** Asks again for the refusal's words in `lang`; a refused request changed nothing, so this is safe. */
  again: (lang: Lang) => Promise<Sent<unknown>>;
};
export type Sent<T> = { ok: true; json: T } | Refused;

export async function send<T>(
  i18n: Translator,
  service: Service,
  path: string,
  options: CallOptions,
): Promise<Sent<T>> {
  const again = (lang: Lang) =>
    send<unknown>(translator(lang), service, path, { ...options, language: lang });
  try {
    const answer = await call<T & Problem>(service, path, { ...options, language: i18n.lang });
    if (answer.ok) return { ok: true, json: answer.json };
    const fields = new Map<string, string>();
    for (const error of answer.json.errors ?? []) fields.set(fieldOfPointer(error.path), error.message);
    return { ok: false, fields, message: problemText(i18n, answer.json), lang: i18n.lang, again };
  } catch (failure) {
    return { ok: false, fields: new Map(), message: problemText(i18n, failure), lang: i18n.lang, again };
  }
}

/**
 * A form's refusal: the message for the form and those per field; focus goes to the first field
 * in error. Switched to the other language, the refusal is asked for again in it.
 */
export function useRefusal() {
  const { lang } = useI18n();
  const [refused, setRefused] = useState<Refused | null>(null);
  useEffect(() => {
    if (!refused || refused.lang === lang) return;
    void refused.again(lang).then((answer) => {
      if (!answer.ok) setRefused(answer);
    });
  }, [lang, refused]);
  return {
    message: refused?.message ?? null,
    of: (key: string) => refused?.fields.get(key),
    clear: () => setRefused(null),
    show: (answer: Refused) => {
      setRefused(answer);
      requestAnimationFrame(() =>
        (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(),
      );
    },
  };
}

type InputProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'date' | 'month';
  inputMode?: 'numeric' | 'decimal';
};

export function Input({ id, label, error, hint, value, onInput, type = 'text', inputMode }: InputProps) {
  return (
    <Field id={id} label={label} error={error} {...(hint ? { hint } : {})}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={id}
          type={type as 'text'}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(event) => onInput((event.target as HTMLInputElement).value)}
          {...(inputMode ? { inputMode } : {})}
        />
      )}
    </Field>
  );
}

type SelectProps = {
  id: string;
  label: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  /** A first, empty choice ("— not chosen —" or "all"). */
  empty?: string;
};

export function Select({ id, label, error, value, onChange, options, empty }: SelectProps) {
  return (
    <Field id={id} label={label} error={error}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange((event.target as HTMLSelectElement).value)}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A number typed in a form, or the text itself when it is none, for the service to refuse by name. */
export const numberOrText = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

type FormCardProps = {
  /** The heading's id, which labels the form. */
  id: string;
  title: string;
  refusal: { message: string | null };
  /** Shown once the form was saved. */
  saved?: string | null;
  submitLabel: string;
  onSubmit: (event: Event) => void;
  children: ComponentChildren;
};

/** A form in a card: its heading, the refusal for the whole form, a saved notice, the fields, one submit button. */
export function FormCard({ id, title, refusal, saved, submitLabel, onSubmit, children }: FormCardProps) {
  return (
    <form class="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <h2 id={id} class="wide">
        {title}
      </h2>
      {refusal.message ? (
        <div class="wide">
          <Notice kind="error">{refusal.message}</Notice>
        </div>
      ) : null}
      {saved ? (
        <div class="wide">
          <Notice kind="success">{saved}</Notice>
        </div>
      ) : null}
      {children}
      <div class="wide actions-row">
        <button type="submit" class="primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

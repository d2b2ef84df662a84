// Small building blocks every view uses: labelled fields with their error tied by
// aria-describedby, vocabulary pickers in the current language, and status notices.
import type { Vocabulary } from '@kelisim/contracts/reference/vocabulary';
import type { ComponentChildren } from 'preact';
import { capital, type Translator, useI18n } from './i18n.ts';
import { NetworkError, type Problem } from './lib/api.ts';

type FieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
};

export function Field({ id, label, error, hint, children }: FieldProps) {
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type VocabularySelectProps<V extends string> = {
  id: string;
  label: string;
  vocabulary: Vocabulary<V>;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** Offer "any" first (filters). */
  anyLabel?: string;
  required?: boolean;
};

export function VocabularySelect<V extends string>(props: VocabularySelectProps<V>) {
  const { lang } = useI18n();
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(describedBy, invalid) => (
        <select
          id={props.id}
          name={props.id}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required={props.required}
          onChange={(event) => props.onChange((event.target as HTMLSelectElement).value)}
        >
          {props.anyLabel !== undefined ? <option value="">{props.anyLabel}</option> : null}
          {props.vocabulary.values.map((value) => (
            <option key={value} value={value}>
              {capital(props.vocabulary.label(value, lang))}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Notice({
  kind,
  children,
}: {
  kind: 'info' | 'success' | 'error' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * What went wrong, in words: a problem's detail as the service said it in the user's language, or
 * the network. A detail in another language (a code the service has no words for) is framed.
 */
export function problemText(i18n: Translator, error: unknown): string {
  if (error instanceof NetworkError) return i18n.t('errorNetwork');
  const problem = error as Problem;
  if (problem?.status === 404) return i18n.t('notFound');
  if (problem?.status === 403) return i18n.t('forbidden');
  const detail = problem?.detail ?? problem?.title ?? String(error);
  return problem?.language === i18n.lang && detail ? detail : i18n.t('errorGeneric', { detail });
}

export function Badge({ tone, children }: { tone: string; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

// Registers and printable documents are files the services write (CSV, XLSX, PDF); the browser
// fetches them as plain links through the console's proxy, which adds the session's token and
// passes the file name on. Nothing of them is kept in the person's vault.
import { type MessageKey, useI18n } from '../i18n.ts';
import { query, type Service } from './api.ts';

const registerFormats = ['csv', 'xlsx'] as const;

/** The register behind a list, every page of it, with the filters the list is showing. */
export function RegisterDownloads({
  service,
  path,
  filters,
}: {
  service: Service;
  path: string;
  filters: Record<string, string>;
}) {
  const { t } = useI18n();
  return (
    <p class="downloads">
      <span>{t('downloadRegister')}:</span>{' '}
      {registerFormats.map((format) => (
        <a
          key={format}
          class="button"
          data-format={format}
          href={`/api/${service}${path}${query({ ...filters, format })}`}
          download
          aria-label={t('downloadAs', { format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </a>
      ))}{' '}
      <span class="muted">{t('downloadRegisterNote')}</span>
    </p>
  );
}

/** A printable document (PDF), in the language the console is shown in. */
export function DocumentLink({
  service,
  path,
  label,
}: {
  service: Service;
  path: string;
  label: MessageKey;
}) {
  const { t, lang } = useI18n();
  return (
    <a class="button" data-document={path} href={`/api/${service}${path}${query({ lang })}`} download>
      {t(label)}
    </a>
  );
}

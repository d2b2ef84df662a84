// Kazakh and Russian for every word the console shows. Vocabulary labels (categories, statuses,
// bands…) come from the contracts; this file holds the console's own words. The choice is kept in
// localStorage and in a cookie (the server sets the page's `lang` from it before any script runs).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { messages } from './messages.ts';

export type Lang = 'kk' | 'ru';
export type MessageKey = keyof typeof messages.kk;

const storageKey = 'kelisim.lang';

export function initialLanguage(): Lang {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (stored === 'kk' || stored === 'ru') return stored;
  return document.documentElement.lang === 'ru' ? 'ru' : 'kk';
}

export function rememberLanguage(lang: Lang): void {
  localStorage.setItem(storageKey, lang);
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads it to set the page's lang before any script runs
  document.cookie = `kelisim_lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
  document.documentElement.lang = lang;
}

const locales: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU' };

export type Translator = {
  lang: Lang;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number, digits?: number) => string;
};

// Browsers without Kazakh locale data (Chromium's ICU ships none) fall back to the root locale's
// "2026 M12 3"; Kazakh dates are then composed here, in the CLDR pattern `y 'ж'. d MMMM, HH:mm`.
const kazakhMonths = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const zone = 'Asia/Almaty';
// Chromium claims 'kk' yet formats with root data: ask for a month's name and look at it.
const hasKazakh = () =>
  new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2020, 11, 15)),
  ) === 'желтоқсан';

export function kazakhDate(date: Date, withTime: boolean): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('year')} ж. ${Number(part('day'))} ${kazakhMonths[Number(part('month')) - 1]}`;
  return withTime ? `${text}, ${part('hour')}:${part('minute')}` : text;
}

export function translator(lang: Lang): Translator {
  const dict = messages[lang];
  const native = lang === 'ru' || hasKazakh();
  const dateFormat = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: zone });
  const dateTimeFormat = new Intl.DateTimeFormat(locales[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  const toDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  // Kazakh numbers group and separate decimals as Russian ones do (12 345,6).
  const numberLocale = native ? locales[lang] : locales.ru;
  return {
    lang,
    t: (key, values) => {
      let text: string = dict[key] ?? messages.ru[key] ?? key;
      for (const [name, value] of Object.entries(values ?? {}))
        text = text.replaceAll(`{${name}}`, String(value));
      return text;
    },
    date: (iso) => (iso ? (native ? dateFormat.format(toDate(iso)) : kazakhDate(toDate(iso), false)) : '—'),
    dateTime: (iso) =>
      iso ? (native ? dateTimeFormat.format(new Date(iso)) : kazakhDate(new Date(iso), true)) : '—',
    number: (value, digits = 0) =>
      new Intl.NumberFormat(numberLocale, { maximumFractionDigits: digits }).format(value),
  };
}

/** A vocabulary label, first letter capitalised when it stands alone. */
export function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export const I18n = createContext<Translator>(translator('kk'));
export const useI18n = () => useContext(I18n);

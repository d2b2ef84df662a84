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

export function translator(lang: Lang): Translator {
  const dict = messages[lang];
  const dateFormat = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeZone: 'Asia/Almaty' });
  const dateTimeFormat = new Intl.DateTimeFormat(locales[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  });
  return {
    lang,
    t: (key, values) => {
      let text: string = dict[key] ?? messages.ru[key] ?? key;
      for (const [name, value] of Object.entries(values ?? {}))
        text = text.replaceAll(`{${name}}`, String(value));
      return text;
    },
    date: (iso) => (iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : '—'),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—'),
    number: (value, digits = 0) =>
      new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits }).format(value),
  };
}

/** A vocabulary label, first letter capitalised when it stands alone. */
export function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export const I18n = createContext<Translator>(translator('kk'));
export const useI18n = () => useContext(I18n);

// Қазақша / Русский: two buttons, the current one pressed; the choice is remembered (i18n.ts).
import { type Lang, useI18n } from '../i18n.ts';

export function LanguageSwitch({ setLang }: { setLang: (lang: Lang) => void }) {
  const { lang, t } = useI18n();
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{t('language')}</legend>
      <button type="button" lang="kk" aria-pressed={lang === 'kk'} onClick={() => setLang('kk')}>
        Қазақша
      </button>
      <button type="button" lang="ru" aria-pressed={lang === 'ru'} onClick={() => setLang('ru')}>
        Русский
      </button>
    </fieldset>
  );
}

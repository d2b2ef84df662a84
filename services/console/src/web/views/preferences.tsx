// One's own alert preferences (`#/preferences`, every role with an inbox): the language alerts
// come in, the channels they come by, the time zone of their times. Sent with If-Match; each
// refusal beside its field.
import { defineVocabulary } from '@kelisim/contracts/reference/vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import { Input, send, useRefusal } from '../lib/forms.tsx';

const alertLanguages = defineVocabulary({
  kk: { kk: 'қазақ тілі', ru: 'казахский' },
  ru: { kk: 'орыс тілі', ru: 'русский' },
  en: { kk: 'ағылшын тілі', ru: 'английский' },
});

type Preferences = {
  language: 'kk' | 'ru' | 'en' | null;
  channels: { inbox: boolean; email: boolean } | null;
  timeZone: string | null;
  version: number;
};

export function MyPreferences() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [etag, setEtag] = useState<string | null>(null);
  const [form, setForm] = useState({ language: '', inbox: true, email: false, timeZone: '' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal();

  const take = (stored: Preferences, tag: string | null) => {
    setEtag(tag ?? '"0"');
    setForm({
      language: stored.language ?? lang,
      inbox: stored.channels?.inbox ?? true,
      email: stored.channels?.email ?? false,
      timeZone: stored.timeZone ?? '',
    });
  };

  useEffect(() => {
    call<Preferences>('notifications', '/me/preferences')
      .then((answer) =>
        answer.ok ? take(answer.json, answer.etag) : setError(problemText(i18n, answer.json)),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const answer = await send<Preferences>(i18n, 'notifications', '/me/preferences', {
      method: 'PUT',
      body: {
        language: form.language,
        channels: { inbox: form.inbox, email: form.email },
        timeZone: form.timeZone.trim() === '' ? null : form.timeZone.trim(),
      },
      ...(etag ? { ifMatch: etag } : {}),
    });
    if (!answer.ok) return refusal.show(answer);
    refusal.clear();
    take(answer.json, `"${answer.json.version}"`);
    setSaved(true);
  };

  if (error) return <Notice kind="error">{error}</Notice>;
  if (etag === null) return <Loading />;
  const channelsError =
    refusal.of('channels') ?? refusal.of('channels.inbox') ?? refusal.of('channels.email');
  return (
    <section aria-labelledby="preferences-title">
      <h1 id="preferences-title">{t('preferencesTitle')}</h1>
      <p class="muted">{t('preferencesHint')}</p>
      <form class="card form-grid" onSubmit={save} noValidate aria-labelledby="preferences-title">
        {refusal.message ? (
          <div class="wide">
            <Notice kind="error">{refusal.message}</Notice>
          </div>
        ) : null}
        {saved ? (
          <div class="wide">
            <Notice kind="success">{t('preferencesSaved')}</Notice>
          </div>
        ) : null}
        <VocabularySelect
          id="preferences-language"
          label={t('preferencesLanguage')}
          vocabulary={alertLanguages}
          value={form.language}
          onChange={(language) => setForm({ ...form, language })}
          error={refusal.of('language')}
        />
        <Input
          id="preferences-time-zone"
          label={t('preferencesTimeZone')}
          hint={t('preferencesTimeZoneHint')}
          value={form.timeZone}
          error={refusal.of('timeZone')}
          onInput={(timeZone) => setForm({ ...form, timeZone })}
        />
        <fieldset
          class={`wide${channelsError ? ' field-invalid' : ''}`}
          aria-describedby={channelsError ? 'preferences-channels-error' : undefined}
        >
          <legend>{t('preferencesChannels')}</legend>
          <ul class="checklist">
            {(['inbox', 'email'] as const).map((channel) => (
              <li key={channel}>
                <input
                  type="checkbox"
                  id={`preferences-${channel}`}
                  checked={form[channel]}
                  onChange={(e) => setForm({ ...form, [channel]: (e.target as HTMLInputElement).checked })}
                />
                <label for={`preferences-${channel}`}>
                  {channel === 'inbox' ? t('memberInbox') : t('memberEmail')}
                </label>
              </li>
            ))}
          </ul>
          {channelsError ? (
            <p class="field-error" id="preferences-channels-error">
              {channelsError}
            </p>
          ) : null}
        </fieldset>
        <div class="wide actions-row">
          <button type="submit" class="primary">
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}

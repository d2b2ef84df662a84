// The sign-in page. With Keycloak (the default): one button to its login page, which comes back
// to where the person was. With SIGN_IN=development: a user id, a role and a territory (a district
// for a district group's member), and the console backend mints the token. Either way the browser
// only receives the session cookie.
import { roles } from '@kelisim/contracts/reference/people-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Field, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { type Lang, useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import type { Reference } from '../lib/reference.ts';
import { LanguageSwitch } from './language-switch.tsx';

type Props = { reference: Reference; onSignedIn: () => void; lang: Lang; setLang: (lang: Lang) => void };

export function SignIn(props: Props) {
  const [kind, setKind] = useState<string | null>(null);
  useEffect(() => {
    void call<{ kind: string }>(null, '/sign-in').then(
      (answer) => setKind(answer.ok ? answer.json.kind : 'openid-connect'),
      () => setKind('openid-connect'),
    );
  }, []);
  if (kind === null) return <Loading />;
  return kind === 'development' ? <DevelopmentSignIn {...props} /> : <AccountSignIn {...props} />;
}

/** The sign-in pages' heading: the app's name and the language switch. */
function SignInHeader({ setLang }: Pick<Props, 'setLang'>) {
  const { t } = useI18n();
  return (
    <header class="sign-in-header">
      <h1>
        {t('appName')} <span class="tagline">{t('appTagline')}</span>
      </h1>
      <LanguageSwitch setLang={setLang} />
    </header>
  );
}

function AccountSignIn({ setLang }: Props) {
  const { t } = useI18n();
  const returnTo = `${window.location.pathname}${window.location.hash}`;
  return (
    <main id="main" class="sign-in">
      <SignInHeader setLang={setLang} />
      <section class="card" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signInAccountTitle')}</h2>
        <p class="hint">{t('signInAccountHint')}</p>
        <a
          id="sign-in-account"
          class="button primary"
          href={`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`}
        >
          {t('signInWithAccount')}
        </a>
      </section>
    </main>
  );
}

function DevelopmentSignIn({ reference, onSignedIn, setLang }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [sub, setSub] = useState('dev-mediator');
  const [role, setRole] = useState('mediator');
  const [region, setRegion] = useState('750000000');
  const [district, setDistrict] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await call(null, '/session', {
        body: { sub, role, regions: [region], ...(district ? { district } : {}) },
      });
      if (answer.ok) onSignedIn();
      else setError(problemText(i18n, answer.json));
    } catch (failure) {
      setError(problemText(i18n, failure));
    }
  };

  return (
    <main id="main" class="sign-in">
      <SignInHeader setLang={setLang} />
      <form onSubmit={submit} class="card" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signInTitle')}</h2>
        <p class="hint">{t('signInHint')}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Field id="sub" label={t('userId')}>
          {(describedBy) => (
            <input
              id="sub"
              name="sub"
              autoComplete="username"
              value={sub}
              aria-describedby={describedBy}
              onInput={(e) => setSub((e.target as HTMLInputElement).value)}
              required
            />
          )}
        </Field>
        <VocabularySelect id="role" label={t('role')} vocabulary={roles} value={role} onChange={setRole} />
        <Field id="region" label={t('region')}>
          {() => (
            <select
              id="region"
              value={region}
              onChange={(e) => {
                setRegion((e.target as HTMLSelectElement).value);
                setDistrict('');
              }}
            >
              <option value="KZ">{t('wholeRepublic')}</option>
              {reference.regions.map((r) => (
                <option key={r.kato} value={r.kato}>
                  {r.names[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'group_member' && region !== 'KZ' ? (
          <Field id="district" label={t('districtOptional')}>
            {() => (
              <select
                id="district"
                value={district}
                onChange={(e) => setDistrict((e.target as HTMLSelectElement).value)}
              >
                <option value="">{t('none')}</option>
                {reference.districtsOf(region).map((d) => (
                  <option key={d.kato} value={d.kato}>
                    {d.names[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <button type="submit" class="primary">
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}

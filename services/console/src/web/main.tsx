// The console in the browser: who is signed in, the language, the reference data, and the view
// the address names. Everything else lives in views/.
import { type ComponentChildren, render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import './styles.css';
import { Loading } from './components.tsx';
import { I18n, initialLanguage, type Lang, rememberLanguage, translator } from './i18n.ts';
import { call } from './lib/api.ts';
import { loadReference, type Reference } from './lib/reference.ts';
import { useRoute } from './lib/router.ts';
import { lockVault, openVault, resumeVault, signOutPending } from './lib/vault.ts';
import type { Session } from './view-types.ts';
import { Shell } from './views/shell.tsx';
import { SignIn } from './views/sign-in.tsx';

function App() {
  const [lang, setLang] = useState<Lang>(initialLanguage);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [reference, setReference] = useState<Reference | null>(null);
  const route = useRoute();
  const i18n = useMemo(() => translator(lang), [lang]);

  // Online, the console says who is signed in and their vault opens; without a connection, the
  // person last signed in on this device carries on from their vault (lib/vault.ts).
  const refreshSession = async () => {
    try {
      if (localStorage.getItem(signOutPending)) {
        await call(null, '/session', { method: 'DELETE' });
        localStorage.removeItem(signOutPending);
      }
      const answer = await call<Session>(null, '/session');
      if (answer.ok) await openVault(answer.json);
      else lockVault();
      setSession(answer.ok ? answer.json : null);
    } catch {
      setSession(await resumeVault().catch(() => null));
    }
  };

  useEffect(() => {
    rememberLanguage(lang);
  }, [lang]);
  useEffect(() => {
    void refreshSession();
    void loadReference().then(setReference);
    const signedOut = () => {
      lockVault();
      setSession(null);
    };
    window.addEventListener('kelisim:signed-out', signedOut);
    return () => window.removeEventListener('kelisim:signed-out', signedOut);
  }, []);

  let body: ComponentChildren;
  if (session === undefined || reference === null) body = <Loading />;
  else if (session === null)
    body = <SignIn reference={reference} onSignedIn={refreshSession} lang={lang} setLang={setLang} />;
  else
    body = (
      <Shell
        session={session}
        reference={reference}
        route={route}
        setLang={setLang}
        onSignedOut={() => setSession(null)}
      />
    );
  return <I18n.Provider value={i18n}>{body}</I18n.Provider>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);

// The app shell kept for opening without a connection (service-worker.ts); registered once the page
// has loaded, so that it never competes with the first paint.
if ('serviceWorker' in navigator)
  window.addEventListener(
    'load',
    () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined),
  );

// The signed-in frame: a skip link, the header (menu for the person's roles, language, sign-out),
// the connection banner with drafts waiting to be sent, and the view the address names.
import { roles as roleLabels } from '@kelisim/contracts/reference/people-vocabulary';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../components.tsx';
import { capital, type Lang, type MessageKey, useI18n } from '../i18n.ts';
import { call } from '../lib/api.ts';
import { flush, pending } from '../lib/drafts.ts';
import type { Reference } from '../lib/reference.ts';
import type { Route } from '../lib/router.ts';
import { signOutPending, wipeVault } from '../lib/vault.ts';
import type { Session } from '../view-types.ts';
import { CasePage } from './case-page.tsx';
import { CasesList } from './cases-list.tsx';
import { Dashboard } from './dashboard.tsx';
import { Inbox } from './inbox.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { MyCertificate } from './my-certificate.tsx';
import { OfflineRefused } from './offline-refused.tsx';
import { RecommendationPage } from './recommendation-page.tsx';
import { Recommendations } from './recommendations.tsx';
import { RegisterCase } from './register-case.tsx';
import { RiskMap } from './risk-map.tsx';
import { roleNav, roleView } from './role-views.tsx';
import { Training } from './training.tsx';
import { Visits } from './visits.tsx';

type Nav = { path: string; key: MessageKey; roles: string[] };
/** Who registers cases and acts on them; supervisors read cases only (case-intake's access rules). */
const caseWorkers = ['mediator', 'group_member', 'coordinator', 'admin'];
const nav: Nav[] = [
  { path: 'cases', key: 'navCases', roles: [...caseWorkers, 'supervisor'] },
  { path: 'cases/new', key: 'navRegister', roles: caseWorkers },
  // Supervisors, coordinators and mediators have inboxes of their own (their audiences, their certificate).
  {
    path: 'inbox',
    key: 'navInbox',
    roles: ['group_member', 'supervisor', 'coordinator', 'mediator', 'admin'],
  },
  { path: 'risk', key: 'navRisk', roles: ['supervisor', 'group_member', 'admin'] },
  { path: 'visits', key: 'navVisits', roles: ['supervisor', 'group_member', 'admin'] },
  { path: 'recommendations', key: 'navRecommendations', roles: ['supervisor', 'group_member', 'admin'] },
  { path: 'training', key: 'navTraining', roles: ['coordinator', 'admin'] },
  ...roleNav,
];

const homes = [
  { role: 'group_member', path: 'inbox' },
  { role: 'supervisor', path: 'risk' },
  { role: 'mediator', path: 'cases' },
  { role: 'coordinator', path: 'training' },
  { role: 'admin', path: 'inbox' },
];

type Props = {
  session: Session;
  reference: Reference;
  route: Route;
  setLang: (lang: Lang) => void;
  onSignedOut: () => void;
};

export function Shell({ session, reference, route, setLang, onSignedOut }: Props) {
  const { t, lang } = useI18n();
  const [online, setOnline] = useState(navigator.onLine);
  const [waiting, setWaiting] = useState(pending().length);
  const [sent, setSent] = useState(0);
  const mine = nav.filter((item) => item.roles.some((role) => session.roles.includes(role)));
  // Each person starts where their work is: the inbox for a group, the map for a supervisor.
  const home = homes.find((h) => session.roles.includes(h.role))?.path ?? mine[0]?.path ?? 'cases';
  const path = route.path.join('/') || home;

  useEffect(() => {
    const send = async () => {
      setOnline(navigator.onLine);
      const count = await flush();
      if (count > 0) setSent(count);
      setWaiting(pending().length);
    };
    const offline = () => setOnline(false);
    const outbox = () => setWaiting(pending().length);
    window.addEventListener('online', send);
    window.addEventListener('offline', offline);
    window.addEventListener('kelisim:outbox', outbox);
    void send();
    return () => {
      window.removeEventListener('online', send);
      window.removeEventListener('offline', offline);
      window.removeEventListener('kelisim:outbox', outbox);
    };
  }, []);

  // With Keycloak the answer names its end-session page, which ends the sign-in there too and
  // comes back to the console's sign-in page.
  // The person's vault goes first, connection or not; without one, the console's session is ended
  // when the browser is back online (main.tsx).
  const signOut = async () => {
    await wipeVault();
    try {
      const answer = await call<{ redirect?: string }>(null, '/session', { method: 'DELETE' });
      if (answer.ok && answer.json.redirect) return window.location.assign(answer.json.redirect);
    } catch {
      localStorage.setItem(signOutPending, '1');
    }
    onSignedOut();
  };

  const [first, second] = route.path.length > 0 ? route.path : home.split('/');
  const worksCases = session.roles.some((role) => caseWorkers.includes(role));
  let view: ComponentChildren;
  if (first === 'cases' && second === 'new' && worksCases)
    view = <RegisterCase reference={reference} session={session} />;
  else if (first === 'cases' && second && second !== 'new')
    view = <CasePage caseId={second} reference={reference} readOnly={!worksCases} />;
  else if (first === 'cases')
    view = (
      <>
        {/* A mediator's home: their own certificate and its expiry above their cases. */}
        {session.roles.includes('mediator') ? <MyCertificate /> : null}
        <CasesList reference={reference} route={route} canRegister={worksCases} />
      </>
    );
  else if (path === 'inbox') view = <Inbox reference={reference} session={session} />;
  else if (path === 'risk') view = <RiskMap reference={reference} session={session} />;
  else if (first === 'visits') view = <Visits reference={reference} session={session} visitId={second} />;
  else if (first === 'dashboard') view = <Dashboard reference={reference} session={session} route={route} />;
  else if (first === 'recommendations' && second)
    view = <RecommendationPage id={second} reference={reference} session={session} />;
  else if (path === 'recommendations') view = <Recommendations reference={reference} route={route} />;
  else if (path === 'training') view = <Training reference={reference} />;
  else if (roleView(path, reference, route, session)) view = roleView(path, reference, route, session);
  else view = <CasesList reference={reference} route={route} canRegister={worksCases} />;

  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="brand-name">{t('appName')}</span>
          <span class="tagline">{t('appTagline')}</span>
        </div>
        <nav aria-label={t('mainNav')}>
          <ul>
            {mine.map((item) => (
              <li key={item.path}>
                <a href={`#/${item.path}`} aria-current={path === item.path ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <LanguageSwitch setLang={setLang} />
          <span class="who">
            {session.name ?? session.sub} ·{' '}
            {session.roles.map((r) => capital(roleLabels.label(r as 'admin', lang))).join(', ')}
          </span>
          <button type="button" id="sign-out" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      {!online ? <Notice kind="warning">{t('offlineBanner')}</Notice> : null}
      {waiting > 0 ? <Notice kind="info">{t('draftsPending', { count: waiting })}</Notice> : null}
      {sent > 0 ? <Notice kind="success">{t('draftsSent', { count: sent })}</Notice> : null}
      <main id="main" tabIndex={-1}>
        <OfflineRefused />
        {view}
      </main>
    </>
  );
}

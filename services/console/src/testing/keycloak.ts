// The console's side of the real Keycloak (the kit's startKeycloak() starts it on demand with the
// repository's realm): its client as the realm file declares it, and a sign-in through Keycloak's
// own login form over plain HTTP (the browser test does the same in Chromium).
import type { AuthOptions } from '@kelisim/service-kit/auth';
import type { TestKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { OpenIdConnectProvider } from '../sign-in/openid-connect-provider.ts';

/** The realm file's development secret of the console's client (`KELISIM_CONSOLE_CLIENT_SECRET`). */
const consoleClientSecret = process.env.KELISIM_CONSOLE_CLIENT_SECRET ?? 'kelisim-console-dev-secret';
/** The realm file's demo password (infra/keycloak, development only). */
export const demoPassword = process.env.KELISIM_DEMO_PASSWORD ?? 'kelisim-demo-pass';

/** The console's client of the realm, for a console answering at `publicUrl`. */
export function consoleClient(
  keycloak: Pick<TestKeycloak, 'issuer'>,
  publicUrl: string,
): OpenIdConnectProvider {
  return new OpenIdConnectProvider({
    issuer: keycloak.issuer,
    clientId: 'kelisim-console',
    clientSecret: consoleClientSecret,
    publicUrl,
    clock: () => new Date(),
  });
}

/** How the services (and the console) verify the realm's access tokens. */
export function realmTokens(keycloak: Pick<TestKeycloak, 'issuer' | 'jwksUrl'>): AuthOptions {
  return { issuer: keycloak.issuer, audience: 'kelisim', key: { jwksUrl: keycloak.jwksUrl } };
}

/** A minimal cookie jar per origin, enough for the console and Keycloak. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.byOrigin.set(origin, jar);
  }
}

/** One request without following redirects; cookies in and out of the jar. */
export async function send(
  jar: CookieJar,
  url: string,
  init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {},
): Promise<Response> {
  const cookie = jar.header(url);
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    body: init.body,
  });
  jar.store(url, response);
  return response;
}

/**
 * Signs in at the console through Keycloak's login form, as a browser would: the console's
 * /auth/sign-in, Keycloak's page, the form posted, the callback. Returns where the console sent
 * the browser at the end.
 */
export async function signInThroughKeycloak(
  jar: CookieJar,
  consoleUrl: string,
  username: string,
  options: { returnTo?: string; password?: string } = {},
): Promise<string> {
  const start = await send(
    jar,
    `${consoleUrl}/auth/sign-in?returnTo=${encodeURIComponent(options.returnTo ?? '/')}`,
  );
  if (start.status !== 303) throw new Error(`sign-in start: ${start.status} ${await start.text()}`);
  const loginPage = await send(jar, start.headers.get('location') ?? '');
  const html = await loginPage.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form on Keycloak's page (${loginPage.status})`);
  const posted = await send(jar, action.replaceAll('&amp;', '&'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: options.password ?? demoPassword }),
  });
  const callback = posted.headers.get('location');
  if (posted.status !== 302 || !callback) throw new Error(`login refused: ${posted.status}`);
  const finished = await send(jar, callback);
  if (finished.status !== 303) throw new Error(`callback: ${finished.status} ${await finished.text()}`);
  return finished.headers.get('location') ?? '';
}

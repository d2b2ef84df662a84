// Keycloak's own pages driven over plain HTTP, as a browser would (the console's sign-in and the
// operator's device login in tests): a cookie jar per origin, requests that do not follow
// redirects, and the login form filled in and posted.

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

/** Opens a page that shows (or redirects to) Keycloak's login form and posts the user's name and password to it. */
export async function submitKeycloakLogin(
  jar: CookieJar,
  pageUrl: string,
  username: string,
  password: string,
): Promise<Response> {
  let loginPage = await send(jar, pageUrl);
  for (let hops = 0; hops < 5 && loginPage.status >= 300 && loginPage.status < 400; hops += 1) {
    loginPage = await send(jar, new URL(loginPage.headers.get('location') ?? '', pageUrl).href);
  }
  const html = await loginPage.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form on Keycloak's page (${loginPage.status})`);
  return send(jar, action.replaceAll('&amp;', '&'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
}

// The console's side of the real Keycloak (the kit's startKeycloak() starts it on demand with the
// repository's realm): its client as the realm file declares it, and a sign-in through Keycloak's
// own login form over plain HTTP (the browser test does the same in Chromium).
import type { AuthOptions } from '@kelisim/service-kit/auth';
import type { TestKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { type CookieJar, send, submitKeycloakLogin } from '@kelisim/service-kit/testing/keycloak-page';
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
  const posted = await submitKeycloakLogin(
    jar,
    start.headers.get('location') ?? '',
    username,
    options.password ?? demoPassword,
  );
  const callback = posted.headers.get('location');
  if (posted.status !== 302 || !callback) throw new Error(`login refused: ${posted.status}`);
  const finished = await send(jar, callback);
  if (finished.status !== 303) throw new Error(`callback: ${finished.status} ${await finished.text()}`);
  return finished.headers.get('location') ?? '';
}

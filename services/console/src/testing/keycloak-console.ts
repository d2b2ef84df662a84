// The platform as it runs behind Keycloak, for the browser tests that sign in for real: the four
// services trusting the realm's tokens (notifications looking people up with its own service
// account), this console signing in through the realm's console client, and a sign-in on
// Keycloak's own login page in Chromium.
import { Platform } from '@kelisim/e2e/platform-harness';
import { freePort, serviceNames } from '@kelisim/launcher/service-process';
import { startKeycloak, type TestKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { ensureRealmClient } from '@kelisim/service-kit/testing/keycloak-realm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ConsoleUnderTest, startConsole } from './console-under-test.ts';
import { consoleClient, demoPassword, realmTokens } from './keycloak.ts';

export type KeycloakConsole = { keycloak: TestKeycloak; platform: Platform; console_: ConsoleUnderTest };

export async function startKeycloakConsole(): Promise<KeycloakConsole> {
  const keycloak = await startKeycloak();
  const trustKeycloak = {
    JWT_PUBLIC_KEY: '',
    JWKS_URL: keycloak.jwksUrl,
    JWT_ISSUER: keycloak.issuer,
    JWT_AUDIENCE: realmTokens(keycloak).audience,
  };
  const keycloakBase = keycloak.issuer.replace(/\/realms\/[^/]+$/, '');
  await ensureRealmClient(keycloakBase, 'kelisim-notifications');
  const env: Record<string, Record<string, string>> = Object.fromEntries(
    serviceNames.map((name) => [name, { ...trustKeycloak }]),
  );
  env.notifications = {
    ...trustKeycloak,
    KEYCLOAK_URL: keycloakBase,
    KEYCLOAK_CLIENT_SECRET:
      process.env.KELISIM_NOTIFICATIONS_CLIENT_SECRET ?? 'kelisim-notifications-dev-secret',
  };
  const platform = await Platform.start({ env });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  try {
    const console_ = await startConsole(platform, {
      openIdConnect: {
        provider: consoleClient(keycloak, publicUrl),
        auth: realmTokens(keycloak),
        publicUrl,
        port,
      },
    });
    return { keycloak, platform, console_ };
  } catch (failure) {
    await platform.stop();
    throw failure;
  }
}

/**
 * A person signed in on Keycloak's login page, in a browser context of their own (cookies,
 * storage), landed on the console. `onRefused` hears of every 401 the signed-in page meets (each
 * would sign the person out).
 */
export async function signInOnKeycloakPage(
  browser: Browser,
  consoleUrl: string,
  username: string,
  options: {
    locale?: string;
    viewport?: { width: number; height: number };
    /** For axe, injected as an inline script the console's CSP would refuse. */
    bypassCSP?: boolean;
    onRefused?: (what: string) => void;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'kk-KZ',
    ...(options.viewport ? { viewport: options.viewport } : {}),
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.locator('#sign-in-account').click();
  await page.locator('#kc-form-login').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(demoPassword);
  await page.locator('#kc-login').click();
  await page.locator('header.top').waitFor();
  // From here on (the sign-in page itself asks for a session and is told 401).
  page.on('response', (response) => {
    if (response.status() === 401)
      options.onRefused?.(`${username}: ${response.request().method()} ${response.url()}`);
  });
  return { context, page };
}

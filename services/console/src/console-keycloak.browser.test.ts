// Signing in for real, in Chromium: the console's sign-in page sends each person to Keycloak's own
// login page (in Kazakh, the console's language), which brings them back to their role's home
// view, with the four services trusting Keycloak's tokens. Signing out ends the Keycloak session
// too and comes back to the sign-in page; the back button then shows the sign-in page, and the
// old session cookie gets nobody back in.

import type { Platform } from '@kelisim/e2e/platform-harness';
import { keycloakStartTimeoutMs } from '@kelisim/service-kit/testing/keycloak';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from './sign-in/session-cookie.ts';
import { launchChromium, screenshotDir } from './testing/browser.ts';
import type { ConsoleUnderTest } from './testing/console-under-test.ts';
import { signInOnKeycloakPage, startKeycloakConsole } from './testing/keycloak-console.ts';

/** The realm's demo users (infra/keycloak), one per role, and the view each lands on. */
const people = [
  { username: 'mediator.almaty', role: 'mediator', home: '#cases-title' },
  { username: 'member.almaty', role: 'group_member', home: '#inbox-title' },
  { username: 'supervisor.almaty', role: 'supervisor', home: '#risk-title' },
  { username: 'coordinator', role: 'coordinator', home: '#training-title' },
  { username: 'admin', role: 'admin', home: '#inbox-title' },
] as const;

describe('signing in to the console through Keycloak, in a browser', () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Answers 401 seen by a signed-in page: each would sign the person out. */
  const refused: string[] = [];

  beforeAll(async () => {
    ({ platform, console_ } = await startKeycloakConsole());
    browser = await launchChromium();
  }, keycloakStartTimeoutMs + 240_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail')
      console.error(platform?.output().slice(-20_000) ?? 'no platform');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await console_?.close();
    await platform?.stop();
  });

  async function signIn(username: string): Promise<Page> {
    const { context, page } = await signInOnKeycloakPage(browser, console_.url, username, {
      onRefused: (what) => refused.push(what),
    });
    contexts.push(context);
    return page;
  }

  it('each role signs in on Keycloak’s page, in the console’s language, and lands on its own home view', async () => {
    const visitor = await browser.newContext({ locale: 'kk-KZ' });
    contexts.push(visitor);
    const page = await visitor.newPage();
    await page.goto(console_.url);
    await page.locator('#sign-in-account').click();
    await page.locator('#kc-form-login').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await page.screenshot({ path: `${screenshotDir}keycloak-login-kk.png`, fullPage: true });
    // The console's language goes along (`ui_locales`): Russian chosen, Russian login page.
    await page.goto(console_.url);
    await page.locator('.language-switch button[lang="ru"]').first().click();
    await page.locator('#sign-in-account').click();
    await page.locator('#kc-form-login').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await page.screenshot({ path: `${screenshotDir}keycloak-login-ru.png`, fullPage: true });

    for (const person of people) {
      const signedIn = await signIn(person.username);
      await signedIn
        .locator(person.home)
        .waitFor()
        .catch(async (error) => {
          throw new Error(`${person.username} not home; answers 401: ${refused.join(', ')}`, {
            cause: error,
          });
        });
      const me = await signedIn.evaluate(async () => (await fetch('/api/session')).json());
      expect(me.roles, person.username).toContain(person.role);
    }
  }, 240_000);

  it('signing out ends the Keycloak session too; the back button shows the sign-in page, and the old cookie gets nobody back in', async () => {
    const page = await signIn('mediator.almaty');
    await page.locator('#cases-title').waitFor();
    const old = (await page.context().cookies()).find((cookie) => cookie.name === sessionCookie);
    expect(old?.httpOnly).toBe(true);

    await page.locator('#sign-out').click();
    await page.locator('#sign-in-account').waitFor();
    expect((await page.context().cookies()).some((cookie) => cookie.name === sessionCookie)).toBe(false);

    await page.goBack();
    await page.locator('#sign-in-account').waitFor();
    expect(await page.locator('header.top').count()).toBe(0);

    // Keycloak's session ended as well: signing in again asks for the password.
    await page.locator('#sign-in-account').click();
    await page.locator('#kc-form-login').waitFor();

    // The old cookie, put back by hand, is worthless: the session is gone from the server.
    if (!old) throw new Error('no session cookie');
    const thief = await browser.newContext();
    contexts.push(thief);
    await thief.addCookies([old]);
    const stolen = await thief.newPage();
    await stolen.goto(console_.url);
    await stolen.locator('#sign-in-account').waitFor();
    expect(await stolen.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
  }, 120_000);
  it("an administrator adds a member to a group by username and sees the member's name", async () => {
    const page = await signIn('admin');
    await page.locator('#inbox-title').waitFor();
    await page.evaluate(() => {
      location.hash = '#/groups';
    });
    await page.locator('#new-group-title').waitFor();
    await page.locator('#new-group-title ~ .actions-row button[type="button"]').click();
    // The Almaty region's group, once the standard groups are there (re-read until they are).
    const username = page.locator('#member-username-grp-190000000');
    await expect
      .poll(
        async () => {
          if ((await username.count()) === 0) {
            await page.reload();
            await page.locator('#groups-title ~ .cards .card').first().waitFor();
          }
          return username.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const card = page.locator('.cards .card', { has: username });
    await username.fill('member.almaty');
    await card.locator('form button[type="submit"]').first().click();
    // notifications stored the Keycloak user id; the console shows the name on the account.
    await card.locator('td', { hasText: 'Жанар Бекова' }).waitFor();
    expect(await card.locator('table').textContent()).not.toContain('demo-member-191000000');
    await page.screenshot({ path: `${screenshotDir}group-member-named-kk.png`, fullPage: false });
  }, 120_000);
});

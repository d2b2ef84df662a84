// The console in a real browser against the running platform (the four services as processes,
// real Kafka and FerretDB): a mediator registers a critical case through the form; the district
// group's member, whose inbox is open, sees the alert arrive without reloading and acknowledges
// it; the supervisor sees the region's risk band and the explanation of its change. Every main
// view is checked with axe and photographed in Kazakh and Russian on the way.
import { mkdirSync } from 'node:fs';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AxeViolation, captureView, launchChromium, screenshotDir } from './testing/browser.ts';
import { type ConsoleUnderTest, startConsole } from './testing/console-under-test.ts';

const almaty = '750000000';
const district = districtsOf(almaty)[0]?.kato ?? '';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

describe('the console in a browser, against the running platform', () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: AxeViolation[] = [];

  async function api(claims: TestTokenClaims & { sub: string }, method: string, path: string, body?: object) {
    const service = path.startsWith('/cases')
      ? 'case-intake'
      : path.startsWith('/groups')
        ? 'notifications'
        : 'regional-monitoring';
    const token = await platform.auth.mint(claims);
    const response = await fetch(`${platform.url(service)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
  const admin = { sub: 'console-admin', roles: ['admin' as const], regions: ['KZ'] };

  /** A signed-in person in their own browser context (cookies, storage). */
  async function signIn(
    form: { sub: string; role: string; region: string; district?: string },
    viewport = desktop,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'kk-KZ' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(console_.url);
    await page.locator('#sub').fill(form.sub);
    await page.locator('#role').selectOption(form.role);
    await page.locator('#region').selectOption(form.region);
    if (form.district) await page.locator('#district').selectOption(form.district);
    await page.locator('form button[type="submit"]').click();
    await page.locator('header.top').waitFor();
    return page;
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    [platform, browser] = await Promise.all([
      Platform.start({ env: { notifications: { ESCALATION_SWEEP_INTERVAL_MS: '1000' } } }),
      launchChromium(),
    ]);
    // A long refresh period: the inbox must update from the live stream, not from the fallback.
    console_ = await startConsole(platform, { liveRefreshMs: 120_000 });
    await api(admin, 'POST', '/groups/seed', { districts: [district] });
  }, 240_000);

  afterEach((context) => {
    if (context.task.result?.state === 'fail')
      console.error(platform?.output().slice(-20_000) ?? 'no platform');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await console_?.app.close();
    await platform?.stop();
  });

  it('a critical case registered by a mediator reaches the district group live, is acknowledged, and the supervisor sees the region’s band with its explanation', async () => {
    // The district group's member, inbox open before anything happens.
    const member = await signIn({ sub: 'console-member', role: 'group_member', region: almaty, district });
    await member.locator('#inbox-title').waitFor();
    violations.push(
      ...(await captureView(
        member,
        'inbox-empty',
        async (p) => void (await p.locator('#inbox-title').waitFor()),
      )),
    );
    await member.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // The mediator, on a phone, registers a critical case.
    const sign = await browser.newContext({ viewport: phone, bypassCSP: true });
    contexts.push(sign);
    const signInPage = await sign.newPage();
    await signInPage.goto(console_.url);
    violations.push(
      ...(await captureView(signInPage, 'sign-in', async (p) => void (await p.locator('#sub').waitFor()))),
    );
    await sign.close();

    const mediator = await signIn({ sub: 'console-mediator', role: 'mediator', region: almaty }, phone);
    await mediator.locator('#cases-title').waitFor();
    violations.push(
      ...(await captureView(
        mediator,
        'cases-empty',
        async (p) => void (await p.locator('#cases-title').waitFor()),
      )),
    );
    await mediator.goto(`${console_.url}/#/cases/new`);
    await mediator.locator('#register-title').waitFor();

    // An empty name is refused in the form, next to its field, before anything is sent.
    await mediator.locator('#district').selectOption(district);
    await mediator.locator('#urgency').selectOption('critical');
    await mediator.locator('form button[type="submit"]').click();
    await expect.poll(() => mediator.locator('#party-0-name').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => mediator.locator('#party-0-name-error').textContent()).toBe('Міндетті өріс.');
    violations.push(
      ...(await captureView(
        mediator,
        'register-errors',
        async (p) => void (await p.locator('#party-0-name-error').waitFor()),
      )),
    );

    await mediator.locator('#party-0-name').fill('Айгерим Сейтқали');
    await mediator.locator('#party-1-name').fill('Ольга Петренко');
    await mediator.locator('#party-1-language').selectOption('ru');
    await mediator.locator('form button[type="submit"]').click();
    await mediator.locator('#case-title').waitFor();
    const caseId = /#\/cases\/([^?]+)/.exec(mediator.url())?.[1] ?? '';
    expect(caseId).not.toBe('');
    await expect.poll(() => mediator.locator('.timeline li').count()).toBeGreaterThan(0);
    violations.push(
      ...(await captureView(
        mediator,
        'case-page',
        async (p) => void (await p.locator('.timeline li').first().waitFor()),
      )),
    );

    // The member's inbox shows it without a reload, and the member acknowledges it with a note.
    const card = member.locator(`li[data-source="${caseId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await member.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    violations.push(
      ...(await captureView(
        member,
        'inbox',
        async (p) => void (await p.locator(`li[data-source="${caseId}"]`).waitFor()),
      )),
    );
    await card.locator('input').fill('Выехали на место');
    await card.locator('button[type="submit"]').click();
    await card.locator('.acknowledged').waitFor();
    expect(await card.locator('.acknowledged').textContent()).toContain('Выехали на место');

    // Escalated cases raise Almaty's band (DESIGN.md §6, flow 3); the supervisor sees why.
    for (let i = 0; i < 4; i += 1) {
      const registered = await api(
        { sub: 'console-registrar', roles: ['mediator'], regions: [almaty] },
        'POST',
        '/cases',
        {
          region: almaty,
          district,
          category: 'group_conflict',
          urgency: 'high',
          riskFlags: [],
          parties: [{ kind: 'group', role: 'claimant', language: 'kk', name: `Тарап ${i}` }],
        },
      );
      await api(admin, 'POST', `/cases/${String(registered.caseId)}/escalate`, {
        level: 2,
        reason: 'group_involvement',
      });
    }
    const supervisorClaims = { sub: 'console-supervisor', roles: ['supervisor' as const], regions: [almaty] };
    await waitFor(
      async () => {
        const risk = await api(supervisorClaims, 'GET', `/regions/${almaty}/risk`);
        if (risk.band === 'low') throw new Error('still low');
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const supervisor = await signIn({ sub: 'console-supervisor', role: 'supervisor', region: almaty });
    const tile = supervisor.locator(`li[data-region="${almaty}"]`);
    await tile.waitFor();
    expect(await tile.getAttribute('class')).not.toContain('band-low');
    await expect.poll(() => tile.locator('.drivers li').count()).toBeGreaterThan(0);
    expect(await tile.locator('.drivers').textContent()).toContain('Жоғары деңгейге берілген істер');
    violations.push(
      ...(await captureView(
        supervisor,
        'risk-map',
        async (p) => void (await p.locator(`li[data-region="${almaty}"]`).waitFor()),
      )),
    );
    await switchTo(supervisor, 'visits', '#visits-title');
    violations.push(
      ...(await captureView(
        supervisor,
        'visits',
        async (p) => void (await p.locator('#visits-title').waitFor()),
      )),
    );
    await switchTo(supervisor, 'recommendations', '#recommendations-title');
    violations.push(
      ...(await captureView(
        supervisor,
        'recommendations',
        async (p) => void (await p.locator('#recommendations-title').waitFor()),
      )),
    );

    const coordinator = await signIn({ sub: 'console-coordinator', role: 'coordinator', region: 'KZ' });
    await switchTo(coordinator, 'training', '#training-title');
    violations.push(
      ...(await captureView(
        coordinator,
        'training',
        async (p) => void (await p.locator('#training-title').waitFor()),
      )),
    );

    expect(violations).toEqual([]);
  }, 240_000);
});

async function switchTo(page: Page, path: string, ready: string): Promise<void> {
  await page.evaluate((to) => {
    location.hash = `#/${to}`;
  }, path);
  await page.locator(ready).waitFor();
}

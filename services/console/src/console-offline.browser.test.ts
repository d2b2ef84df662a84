// The console in the field, in a real browser against the running platform: opened from scratch
// without a connection by a mediator who signed in on this device before (service worker, sealed
// vault), and the session rules kept: signed out, nothing of theirs is readable on the device, and
// nothing they queued is sent under the next person who signs in there. A group member acknowledges
// an alert without a connection, and the acknowledgement goes, as theirs, once it is back.
import { districtsOf, regions } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureView, launchChromium, seriousViolations } from './testing/browser.ts';
import { type ConsoleUnderTest, startConsole } from './testing/console-under-test.ts';

const almaty = '750000000';
const district = districtsOf(almaty)[0]?.kato ?? '';
const elsewhere = regions.find((region) => region.kato !== almaty && districtsOf(region.kato).length > 0);
const phone = { width: 390, height: 844 };

describe('the console without a connection', () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await Platform.start({ env: {} });
    browser = await launchChromium();
    console_ = await startConsole(platform);
    // The district's group, so that a critical case there alerts its members.
    await asAdmin('notifications', '/groups/seed', { districts: [district] });
  }, 240_000);

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

  /** A device of its own (profile storage, service worker), the console's page open on it; CSP bypassed for axe. */
  async function device(): Promise<Page> {
    const context = await browser.newContext({ viewport: phone, locale: 'kk-KZ', bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(console_.url);
    return page;
  }

  /** Signs in with the development form; the app shell is ready for offline use when it returns. */
  async function signIn(
    page: Page,
    sub: string,
    as: { role: string; district?: string } = { role: 'mediator' },
  ) {
    await page.locator('#sub').fill(sub);
    await page.locator('#role').selectOption(as.role);
    await page.locator('#region').selectOption(almaty);
    if (as.district) await page.locator('#district').selectOption(as.district);
    await page.locator('form button[type="submit"]').click();
    await page.locator('header.top').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  }

  async function registerOffline(
    page: Page,
    claimant: string,
    respondent: string,
    where = { region: almaty, district },
  ): Promise<void> {
    await page.evaluate(() => {
      location.hash = '#/cases/new';
    });
    await page.locator('#register-title').waitFor();
    await page.locator('#region').selectOption(where.region);
    await page.locator('#district').selectOption(where.district);
    await page.locator('#party-0-name').fill(claimant);
    await page.locator('#party-1-name').fill(respondent);
    await page.locator('form button[type="submit"]').click();
    await page.locator('section[aria-labelledby="register-title"] .notice-warning').waitFor();
  }

  /** A request to a service as an administrator; a POST when it has a body. */
  async function asAdmin<T>(
    service: 'case-intake' | 'notifications',
    path: string,
    body?: object,
  ): Promise<T> {
    const token = await platform.auth.mint({ sub: 'offline-admin', roles: ['admin'], regions: ['KZ'] });
    const response = await fetch(`${platform.url(service)}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function casesOnThePlatform(): Promise<number> {
    const page = await asAdmin<{ items: unknown[] }>('case-intake', '/cases?limit=100');
    return page.items.length;
  }

  it('a signed-in mediator opens the console from scratch with the network cut and registers cases, sealed while they wait; back online one is sent, and the one refused stays on screen with its reason until corrected in its form', async () => {
    const first = await device();
    await signIn(first, 'offline-mediator-a');
    await first.locator('#cases-title').waitFor();
    const context = first.context();
    await first.close();

    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(console_.url);
    await page.locator('header.top').waitFor();
    expect(await page.locator('.who').textContent()).toContain('offline-mediator-a');
    await registerOffline(page, 'Айгерим Нұрланқызы', 'Ольга Смирнова');
    // And one outside the mediator's territory, which case-intake will refuse once it is sent.
    const outside = {
      region: elsewhere?.kato ?? '',
      district: districtsOf(elsewhere?.kato ?? '')[0]?.kato ?? '',
    };
    await registerOffline(page, 'Дәурен Жақсыбеков', 'Игорь Белов', outside);
    await page.locator('.notice-info').filter({ hasText: ': 2' }).waitFor();
    const stored = await storedText(page);
    expect(stored.databases.length).toBe(1);
    expect(stored.text).not.toContain('Нұрланқызы');
    expect(stored.text).not.toContain('Смирнова');

    await context.setOffline(false);
    await expect.poll(casesOnThePlatform, { timeout: 20_000 }).toBe(1);
    await page.locator('.notice-success').waitFor();

    // The refusal stays on screen with its reason in Kazakh until the mediator corrects it in the form.
    const refused = page.locator('section.refused li');
    await refused.waitFor();
    expect(await refused.locator('.reason').textContent()).not.toMatch(/^$|You may/);
    const violations = await captureView(page, 'offline-refused', async (shown) => {
      await shown.locator('section.refused .reason').waitFor();
    });
    expect(violations).toEqual([]);
    await refused.locator('button.primary').click();
    await page.locator('#register-title').waitFor();
    expect(await page.locator('#party-0-name').inputValue()).toBe('Дәурен Жақсыбеков');
    expect(await page.locator('section.refused').count()).toBe(0);
  }, 90_000);

  it('a mediator registers offline and signs out; nothing of theirs is readable on the device, and the next person who signs in there sends none of it', async () => {
    const before = await casesOnThePlatform();
    const page = await device();
    await signIn(page, 'offline-mediator-b');
    await page.context().setOffline(true);
    await registerOffline(page, 'Бауыржан Тілеубердиев', 'Сергей Кузнецов');
    await page.locator('#sign-out').click();
    await page.locator('main.sign-in').waitFor();

    // Signed out, the device opens the console on its sign-in page, even without a connection.
    await page.reload();
    await page.locator('main.sign-in').waitFor();
    expect(await page.locator('header.top').count()).toBe(0);
    const signedOut = await storedText(page);
    expect(signedOut.databases).toEqual([]);
    expect(signedOut.text).not.toContain('Тілеубердиев');
    expect(signedOut.text).not.toContain('Кузнецов');

    await page.context().setOffline(false);
    await page.reload();
    await page.locator('#sub').waitFor();
    await signIn(page, 'offline-mediator-c');
    const next = await storedText(page);
    expect(next.text).not.toContain('Тілеубердиев');
    await page.waitForTimeout(1_000);
    expect(await casesOnThePlatform()).toBe(before);
  }, 90_000);

  it("a group member acknowledges their district's alert with a note without a connection: kept on the device, sealed, and nothing reaches notifications; back online it is sent, and the alert is acknowledged by them, on screen and in notifications", async () => {
    const page = await device();
    await signIn(page, 'offline-member', { role: 'group_member', district });
    await page.locator('#inbox-title').waitFor();

    // A mediator registers a critical case in the member's district: the group is alerted.
    const token = await platform.auth.mint({
      sub: 'offline-mediator-d',
      roles: ['mediator'],
      regions: [almaty],
    });
    const registered = await fetch(`${platform.url('case-intake')}/cases`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        region: almaty,
        district,
        category: 'neighbourhood',
        urgency: 'critical',
        parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'Жанар Омарова' }],
      }),
    });
    expect(registered.status).toBe(201);
    const { caseId } = (await registered.json()) as { caseId: string };
    const card = page.locator(`li[data-source="${caseId}"]`);
    await card.waitFor({ timeout: 30_000 });
    // The form's note field is named after the alert the member acknowledges.
    const alertId = ((await card.locator('.ack-form input').first().getAttribute('id')) ?? '').replace(
      /^note-/,
      '',
    );
    expect(alertId).not.toBe('');
    type StoredAlert = { status: string; acknowledgedBy: string | null; acknowledgeNote: string | null };
    const alert = () => asAdmin<StoredAlert>('notifications', `/alerts/${alertId}`);

    await page.context().setOffline(true);
    const note = 'Ауылға шықтық, тараптармен сөйлесеміз';
    await card.locator('.ack-form input').first().fill(note);
    await card.locator('.ack-form button[type="submit"]').first().click();
    const kept = card.locator('.ack-form .notice-warning');
    await kept.waitFor();
    expect(await kept.textContent()).toContain('байланыс пайда болғанда жіберіледі');
    await page.locator('.notice-info').filter({ hasText: 'Жіберуді күтетін жобалар: 1' }).waitFor();
    expect(await seriousViolations(page, 'offline-acknowledge-kept')).toEqual([]);
    // Sealed on the device, and not yet with notifications.
    expect((await storedText(page)).text).not.toContain(note);
    await page.waitForTimeout(1_000);
    expect(await alert()).toMatchObject({
      status: expect.not.stringMatching(/^acknowledged$/),
      acknowledgedBy: null,
    });

    await page.context().setOffline(false);
    await expect
      .poll(alert, { timeout: 20_000 })
      .toMatchObject({ status: 'acknowledged', acknowledgedBy: 'offline-member', acknowledgeNote: note });
    await page.locator('.notice-success').filter({ hasText: 'Жіберілген жобалар: 1' }).waitFor();
    const acknowledged = card.locator('.acknowledged');
    await acknowledged.waitFor({ timeout: 20_000 });
    expect(await acknowledged.textContent()).toContain('Сіз растадыңыз');
    expect(await acknowledged.textContent()).toContain(note);
    expect(await card.locator('.ack-form').count()).toBe(0);
    expect(await page.locator('section.refused').count()).toBe(0);
  }, 90_000);
});

/** Everything the page's origin keeps (IndexedDB, Web Storage, Cache Storage), as text. */
async function storedText(page: Page): Promise<{ databases: string[]; text: string }> {
  return page.evaluate(async () => {
    const texts: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (value instanceof ArrayBuffer) texts.push(decoder.decode(value));
      else if (ArrayBuffer.isView(value)) texts.push(decoder.decode(value));
      else if (value && typeof value === 'object' && !(value instanceof CryptoKey))
        for (const inner of Object.values(value)) collect(inner);
    };
    const databases = (await indexedDB.databases()).map((info) => info.name ?? '');
    for (const name of databases) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of [...db.objectStoreNames]) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        collect(all);
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage])
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        texts.push(key, storage.getItem(key) ?? '');
      }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        texts.push(request.url, (await (await cache.match(request))?.text()) ?? '');
      }
    }
    return { databases, text: texts.join('\n') };
  });
}

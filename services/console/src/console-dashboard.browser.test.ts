// The dashboard in a real browser against the running platform (issue 26): an administrator sees
// the republic's regions as tiles placed like the map and the monthly trends of the regions added
// up, opens a region (its trends, its districts) and a district, and follows a figure to the cases
// register with the same filters; picks a period of its own (one refused is said beside its
// field); the register downloads as CSV with those filters, and a case's summary as a PDF, both
// through the console. Each view is checked with axe and photographed in Kazakh and Russian.
import { mkdirSync, readFileSync } from 'node:fs';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { ServiceName } from '@kelisim/launcher/service-process';
import { pdfText } from '@kelisim/service-kit/testing/pdf-readback';
import type { TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AxeViolation, captureView, launchChromium, screenshotDir } from './testing/browser.ts';
import { type ConsoleUnderTest, startConsole } from './testing/console-under-test.ts';

const almaty = '750000000';
const district = districtsOf(almaty)[0]?.kato ?? '';
const registrar = { sub: 'dashboard-mediator', roles: ['mediator' as const], regions: [almaty] };
const admin = { sub: 'dashboard-admin', roles: ['admin' as const], regions: ['KZ'] };
const thisMonth = new Date().toISOString().slice(0, 7);

const serviceOf = (path: string): ServiceName =>
  path.startsWith('/cases') ? 'case-intake' : 'regional-monitoring';

describe('the dashboard in a browser', () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: AxeViolation[] = [];

  async function api(claims: TestTokenClaims & { sub: string }, method: string, path: string, body?: object) {
    const token = await platform.auth.mint(claims);
    const response = await fetch(`${platform.url(serviceOf(path))}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.evaluate((to) => {
      location.hash = `#/${to}`;
    }, path);
    await page.locator(ready).first().waitFor();
  }

  /** Clicks a link and waits for the file the browser saves. */
  async function download(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
    const [saved] = await Promise.all([page.waitForEvent('download'), page.locator(link).click()]);
    const file: Download = saved;
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    platform = await Platform.start({ env: {} });
    browser = await launchChromium();
    console_ = await startConsole(platform);
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

  it('an administrator sees the regions placed like the map, drills down to a district and follows a figure to its register, in Kazakh and Russian without serious axe findings', async () => {
    // Six cases of one district this month: published as 5 (a multiple of 5), so a figure shows.
    // Each escalated too, so that the month's escalations show (and link) as well.
    for (let n = 0; n < 6; n += 1) {
      const registered = await api(registrar, 'POST', '/cases', {
        region: almaty,
        district,
        category: 'neighbourhood',
        urgency: 'medium',
        riskFlags: [],
        parties: [
          { kind: 'individual', role: 'claimant', language: 'kk', name: 'Әсел Нұрова' },
          { kind: 'individual', role: 'respondent', language: 'ru', name: 'Иван Орлов' },
        ],
      });
      await api(registrar, 'POST', `/cases/${String(registered.caseId)}/escalate`, {
        level: 1,
        reason: 'violence_risk',
      });
    }
    await waitFor(
      async () => {
        const trends = (await api(admin, 'GET', `/regions/${almaty}/trends`)) as {
          whole: { months: { month: string; registered: { byCategory: { total: number | null } } }[] };
        };
        expect(trends.whole.months.at(-1)).toMatchObject({
          month: thisMonth,
          registered: { byCategory: { total: 5 } },
        });
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(console_.url);
    await page.locator('#sub').fill(admin.sub);
    await page.locator('#role').selectOption('admin');
    await page.locator('#region').selectOption('KZ');
    await page.locator('form button[type="submit"]').click();
    await page.locator('header.top').waitFor();

    // The republic: twenty tiles, Almaty (the city) in the south-east corner of the map.
    await open(page, 'dashboard', '#national-cases-table');
    expect(await page.locator('.tile-map li').count()).toBe(20);
    const almatyTile = page.locator(`.tile-map li[data-region="${almaty}"]`);
    expect(await almatyTile.evaluate((tile) => getComputedStyle(tile).gridColumnStart)).toBe('5');
    expect(await almatyTile.evaluate((tile) => getComputedStyle(tile).gridRowStart)).toBe('5');
    expect(
      await page.locator('#national-cases-table tbody tr').last().locator('td').first().textContent(),
    ).toBe('5');
    expect(await page.locator('.trend-canvas canvas').count()).toBeGreaterThanOrEqual(2);
    violations.push(
      ...(await captureView(page, 'dashboard', (p) => p.locator('#national-cases-table').waitFor())),
    );

    // A period of one's own: one refused is said beside its field; this month alone is one row,
    // and the region's tile keeps it.
    const previousMonth = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5)) - 2, 1))
      .toISOString()
      .slice(0, 7);
    await page.locator('#dash-from').fill(thisMonth);
    await page.locator('#dash-to').fill(previousMonth);
    await page.locator('.period-picker button[type="submit"]').click();
    await page.locator('#dash-from[aria-invalid="true"]').waitFor();
    // regional-monitoring's refusal, in Kazakh (the page's language).
    expect(await page.locator('#dash-from-error').textContent()).toMatch(/[әғқңөұүһі]/);
    await page.locator('#dash-to').fill(thisMonth);
    await page.locator('.period-picker button[type="submit"]').click();
    await expect.poll(() => page.locator('#national-cases-table tbody tr').count()).toBe(1);
    expect(await almatyTile.locator('a').getAttribute('href')).toBe(
      `#/dashboard/${almaty}?from=${thisMonth}&to=${thisMonth}`,
    );
    await open(page, 'dashboard', '#national-cases-table');

    // The region and its districts.
    await almatyTile.locator('a').click();
    await page.locator(`#region-${almaty}-cases-table`).waitFor();
    expect(await page.locator('#dash-districts-title ~ .table-wrap tbody tr').count()).toBe(
      districtsOf(almaty).length,
    );
    violations.push(
      ...(await captureView(page, 'dashboard-region', (p) =>
        p.locator(`#region-${almaty}-cases-table`).waitFor(),
      )),
    );

    // The district, and its month's figure followed to the cases register with the same filters.
    await page.locator(`a[href="#/dashboard/${almaty}/${district}"]`).click();
    const districtTable = page.locator(`#district-${district}-cases-table`);
    await districtTable.waitFor();
    const figure = districtTable.locator('tbody tr').last().locator('td a').first();
    expect(await figure.textContent()).toBe('5');
    const href = (await figure.getAttribute('href')) ?? '';
    expect(href).toContain(`region=${almaty}`);
    expect(href).toContain(`district=${district}`);
    expect(href).toContain(`from=${thisMonth}-01`);
    // The month's escalations open the cases escalated in it, whenever they were registered.
    const escalations = districtTable.locator('tbody tr').last().locator('td').nth(2).locator('a');
    expect(await escalations.textContent()).toBe('5');
    expect(await escalations.getAttribute('href')).toContain(
      `escalatedFrom=${thisMonth}-01&escalatedTo=${thisMonth}-`,
    );
    await figure.click();
    await page.locator('.filtered-note').waitFor();
    await expect.poll(() => page.locator('.case-card').count()).toBe(6);

    // The register behind the figure, downloaded: the same six cases, every one of that district,
    // the parties' names intact (an administrator of the territory sees them).
    const csv = await download(page, '.downloads a[data-format="csv"]');
    expect(csv.name).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(header?.split(',')).toEqual(expect.arrayContaining(['caseNumber', 'district', 'partyNames']));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toContain(`,${district},`);
      expect(row).toContain('Әсел Нұрова; Иван Орлов');
    }

    // A case's summary, printed from its page in the console's language (Kazakh here).
    const firstNumber = (await page.locator('.case-card .case-number').first().textContent()) ?? '';
    await page.locator('.case-card a.case-link').first().click();
    await page.locator('#documents-title').waitFor();
    const summary = await download(page, '.downloads a[data-document$="/documents/summary"]');
    expect(summary.name).toBe(`summary-${firstNumber}-kk.pdf`);
    expect(summary.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(summary.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Іс бойынша анықтама');
    expect(text).toContain(`Іс нөмірі: ${firstNumber}`);
    expect(text).toContain('Әсел Нұрова');
    // No agreement was written: there is none to print.
    expect(await page.locator('.downloads a[data-document$="/documents/agreement"]').count()).toBe(0);

    expect(violations).toEqual([]);
  }, 120_000);
});

// The machine's Chromium driven by playwright-core (scripts/ensure-chromium.sh installs it), an
// accessibility check with axe-core injected into the page, and screenshots of each view in both
// languages for the closing note (services/console/screenshots/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Chromium with the flags of a locked-down CI machine. `launch` gives it a fresh temporary profile
 * (`--user-data-dir`, removed on close) and each `newContext()` its own cookies and storage, so
 * that the mediator, the group member and the supervisor are separate people.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KELISIM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type AxeViolation = { id: string; impact: string; help: string; nodes: number; view: string };

/** Serious and critical violations of WCAG 2 A/AA rules on the page as it is now. */
export async function seriousViolations(page: Page, view: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }
    ).axe;
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })) as { violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] };
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.length, view }));
}

export type Lang = 'kk' | 'ru';

/** Switches the page's language with the console's own switch (its button carries `lang`). */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`.language-switch button[lang="${lang}"]`).first().click();
  await page.waitForFunction((want) => document.documentElement.lang === want, lang);
}

/**
 * Screenshots the view in Kazakh and in Russian (`<name>-kk.png`, `<name>-ru.png`) and checks each
 * with axe; returns the serious and critical violations found. Leaves the page in Kazakh.
 */
export async function captureView(
  page: Page,
  name: string,
  ready: (page: Page) => Promise<void>,
): Promise<AxeViolation[]> {
  const found: AxeViolation[] = [];
  for (const lang of ['ru', 'kk'] as const) {
    await switchLanguage(page, lang);
    await ready(page);
    await page.screenshot({ path: `${screenshotDir}${name}-${lang}.png`, fullPage: true });
    found.push(...(await seriousViolations(page, `${name}-${lang}`)));
  }
  return found;
}

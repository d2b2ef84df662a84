// The console in a real browser against the running platform (the four services as processes,
// real Kafka and FerretDB): a mediator registers a critical case through the form; the district
// group's member, whose inbox is open, sees the alert arrive without reloading and acknowledges
// it; the supervisor sees the region's risk band and the explanation of its change. Every main
// view is checked with axe and photographed in Kazakh and Russian on the way.
import { mkdirSync, readFileSync } from 'node:fs';
import { indicatorScales } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { ServiceName } from '@kelisim/launcher/service-process';
import { pdfText } from '@kelisim/service-kit/testing/pdf-readback';
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
  const checked: string[] = [];

  /** Screenshots and axe-checks a view in both languages. */
  async function capture(page: Page, name: string, selector: string): Promise<void> {
    violations.push(...(await captureView(page, name, ready(selector))));
    checked.push(name);
  }

  async function api(claims: TestTokenClaims & { sub: string }, method: string, path: string, body?: object) {
    const service = serviceOf(path);
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
    // One after the other: four services starting are all a loaded two-core machine can take.
    platform = await Platform.start({ env: { notifications: { ESCALATION_SWEEP_INTERVAL_MS: '1000' } } });
    browser = await launchChromium();
    console_ = await startConsole(platform);
    await api(admin, 'POST', '/groups/seed', { districts: [district] });
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

  let mediator: Page;
  let member: Page;
  let caseId = '';

  it('a mediator on a phone registers a critical case; the district group member sees it arrive without reloading and acknowledges it', async () => {
    // The district group's member, inbox open before anything happens.
    member = await signIn({ sub: 'console-member', role: 'group_member', region: almaty, district });
    await member.locator('#inbox-title').waitFor();
    await capture(member, 'inbox-empty', '#inbox-title');
    await member.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const visitor = await browser.newContext({ viewport: phone, bypassCSP: true });
    contexts.push(visitor);
    const signInPage = await visitor.newPage();
    await signInPage.goto(console_.url);
    await capture(signInPage, 'sign-in', '#sub');

    mediator = await signIn({ sub: 'console-mediator', role: 'mediator', region: almaty }, phone);
    await mediator.locator('#cases-title').waitFor();
    await capture(mediator, 'cases-empty', '#cases-title');
    await switchTo(mediator, 'cases/new', '#register-title');

    // An empty name is refused in the form, next to its field, before anything is sent.
    await mediator.locator('#district').selectOption(district);
    await mediator.locator('#urgency').selectOption('critical');
    await mediator.locator('form button[type="submit"]').click();
    await expect.poll(() => mediator.locator('#party-0-name').getAttribute('aria-invalid')).toBe('true');
    expect(await mediator.locator('#party-0-name-error').textContent()).toBe('Міндетті өріс.');
    await capture(mediator, 'register-errors', '#party-0-name-error');

    await mediator.locator('#party-0-name').fill('Айгерим Сейтқали');
    await mediator.locator('#party-1-name').fill('Ольга Петренко');
    await mediator.locator('#party-1-language').selectOption('ru');
    await mediator.locator('form button[type="submit"]').click();
    await mediator.locator('#case-title').waitFor();
    caseId = /#\/cases\/([^?]+)/.exec(mediator.url())?.[1] ?? '';
    expect(caseId).not.toBe('');
    await expect.poll(() => mediator.locator('.timeline li').count()).toBeGreaterThan(0);
    await capture(mediator, 'case-page', '.timeline li');

    // The member's inbox shows it without a reload, and the member acknowledges it with a note.
    const card = member.locator(`li[data-source="${caseId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await member.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await capture(member, 'inbox', `li[data-source="${caseId}"]`);
    await card.locator('input').fill('Выехали на место');
    await card.locator('button[type="submit"]').click();
    await card.locator('.acknowledged').waitFor();
    expect(await card.locator('.acknowledged').textContent()).toContain('Выехали на место');
    // Readable: local times, no ISO timestamp and no internal id in what the card says; a link to the case.
    const said = (await card.textContent()) ?? '';
    expect(said).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}|al-[0-9a-f]{10}/);
    expect(said).not.toContain(caseId);
    expect(await card.locator('a.matter-link').getAttribute('href')).toBe(`/#/cases/${caseId}`);
  }, 150_000);

  it('a stale command shows the conflict and keeps the form; an escalation made offline that meets a newer version is listed with what was entered and applied to the current one; a registration made offline is sent once back online', async () => {
    // Someone else screens the case while the mediator has it open: the mediator's screening is stale.
    await mediator.locator('.command-buttons button').first().click();
    await mediator.locator('.command-form').waitFor();
    await api(admin, 'POST', `/cases/${caseId}/screen`, {});
    await mediator.locator('.command-form button[type="submit"]').click();
    await mediator.locator('.command-form .notice-error').waitFor();
    expect(await mediator.locator('.command-form .notice-error').textContent()).toContain(
      'Істі басқа біреу өзгертті',
    );
    await capture(mediator, 'case-conflict', '.command-form .notice-error');

    // Offline, the mediator escalates; meanwhile the case changes. Back online, the change meets
    // the newer version: it is shown with what was entered, and applied to the current version.
    await mediator.reload();
    await mediator.locator('[data-command="escalate"]').click();
    await mediator.locator('#command-level').selectOption('2');
    await mediator.context().setOffline(true);
    await mediator.locator('.command-form button[type="submit"]').click();
    await mediator.locator('.command-form .notice-warning').waitFor();
    await api(admin, 'POST', `/cases/${caseId}/escalate`, { level: 1, reason: 'violence_risk' });
    await mediator.context().setOffline(false);
    await mediator.locator('.conflicts').waitFor({ timeout: 20_000 });
    await capture(mediator, 'case-offline-conflict', '.conflicts');
    await mediator.locator('.conflicts button.primary').click();
    await expect.poll(() => mediator.locator('.conflicts').count(), { timeout: 20_000 }).toBe(0);
    const escalated = await api(admin, 'GET', `/cases/${caseId}`);
    expect(escalated.escalationLevel).toBe(2);
    // The member's inbox still has one card for the case, however often it escalated.
    await member.reload();
    const cards = member.locator(`li[data-source="${caseId}"]`);
    await cards.first().waitFor();
    expect(await cards.count()).toBe(1);
    // Its timeline says what happened, in order, at Almaty times (the page is in Kazakh).
    const history = cards.locator('.alert-timeline li');
    await expect.poll(() => history.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const lines = await history.allTextContents();
    expect(lines[0]).toMatch(/^\d{4} ж\. \d{1,2} \S+, \d{2}:\d{2} Өте шұғыл іс тіркелді: EM-/);
    expect(lines.some((line) => line.endsWith('Расталды'))).toBe(true);
    expect(lines.some((line) => /ісі 1-деңгейге берілді$/.test(line))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T|al-[0-9a-f]{10}/);
    await capture(member, 'inbox-matter', `li[data-source="${caseId}"] .alert-timeline li`);

    await switchTo(mediator, 'cases/new', '#register-title');
    await mediator.locator('#district').selectOption(district);
    await mediator.locator('#party-0-name').fill('Марат Әлиев');
    await mediator.locator('#party-1-name').fill('Сергей Ким');
    await mediator.context().setOffline(true);
    await mediator.locator('form button[type="submit"]').click();
    // The form's own notice, not the offline banner that the header shows at once.
    await mediator.locator('section[aria-labelledby="register-title"] .notice-warning').waitFor();
    // One item waits, sealed in the mediator's vault (console-offline.browser.test.ts reads the storage).
    await mediator.locator('.notice-info').filter({ hasText: ': 1' }).waitFor();
    await capture(mediator, 'register-offline', 'section[aria-labelledby="register-title"] .notice-warning');

    await mediator.context().setOffline(false);
    await mediator.locator('.notice-success').waitFor({ timeout: 20_000 });
    expect(await mediator.locator('.notice-info').filter({ hasText: ': 1' }).count()).toBe(0);
    await switchTo(mediator, 'cases', '#cases-title');
    await expect.poll(() => mediator.locator('.case-card').count(), { timeout: 20_000 }).toBe(2);
    await capture(mediator, 'cases', '.case-card');
  }, 120_000);

  it('the supervisor sees the region’s band with the explanation of its change, takes a visit from plan to submission and issues a recommendation; another supervisor returns the visit with a comment and prints its report', async () => {
    // Escalated cases raise Almaty's band (DESIGN.md §6, flow 3).
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
    const lead = { sub: 'console-supervisor', roles: ['supervisor' as const], regions: [almaty] };
    await waitFor(
      async () => {
        const risk = await api(lead, 'GET', `/regions/${almaty}/risk`);
        if (risk.band === 'low') throw new Error('still low');
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const supervisor = await signIn({ sub: lead.sub, role: 'supervisor', region: almaty });
    const tile = supervisor.locator(`li[data-region="${almaty}"]`);
    await tile.waitFor();
    expect(await tile.getAttribute('class')).not.toContain('band-low');
    await expect.poll(() => tile.locator('.drivers li').count()).toBeGreaterThan(0);
    expect(await tile.locator('.drivers').textContent()).toContain('Жоғары деңгейге берілген істер');
    await capture(supervisor, 'risk-map', `li[data-region="${almaty}"]`);

    await switchTo(supervisor, 'visits', '#visits-title');
    await supervisor.locator('details.card summary').click();
    await supervisor.locator('details.card form button[type="submit"]').click();
    await supervisor.locator('.cards a').first().waitFor();
    await capture(supervisor, 'visits', '.cards a');
    await supervisor.locator('.cards a').first().click();
    await supervisor.locator('#visit-title').waitFor();
    await supervisor.locator('article > button.primary').click();
    await supervisor.locator('#submit-title').waitFor();
    await capture(supervisor, 'visit-findings', '#submit-title');
    // People's words: the command by its label, the team as "you", no user id or command name.
    const visitPage = (await supervisor.locator('article').textContent()) ?? '';
    expect(visitPage).toContain('Дайын: сапарды бастау.');
    expect(visitPage).toContain('Топ: сіз');
    expect(visitPage).not.toMatch(/console-|: start\.|\d{4}-\d{2}-\d{2}T/);
    const firstScore = supervisor.locator('form select').first();
    // Each score says what it means on the indicator's scale.
    const scoreWords = await firstScore.locator('option').allTextContents();
    expect(
      Object.values(indicatorScales).map((steps) => steps.map((step, score) => `${score} — ${step.kk}`)),
    ).toContainEqual(scoreWords);
    expect(scoreWords[0]).toMatch(/^0 — (байқалмайды|жоқ)$/);
    await firstScore.selectOption('3');
    await supervisor.locator('form button[type="submit"]').click();
    await supervisor.locator('#issue-title').waitFor();
    await supervisor.locator('#rec-text').fill('Провести встречу с жителями и акиматом.');
    await supervisor.locator('form[aria-labelledby="issue-title"] button[type="submit"]').click();
    await expect.poll(() => supervisor.locator('#rec-text').inputValue()).toBe('');
    const visitUrl = supervisor.url();

    const reviewer = await signIn({ sub: 'console-reviewer', role: 'supervisor', region: almaty });
    await reviewer.goto(visitUrl);
    await reviewer.locator('#review-title').waitFor();
    await capture(reviewer, 'visit-review', '#review-title');
    await reviewer.locator('#review-comment').fill('Нет выводов по району');
    await reviewer.locator('#review-title ~ .actions-row button:not(.primary)').click();
    await reviewer.locator('p.escalation').waitFor();
    expect(await reviewer.locator('p.escalation').textContent()).toContain('Нет выводов по району');
    // The reviewer sees the team and the findings in words, the scores with their meaning.
    const reviewed = (await reviewer.locator('article').textContent()) ?? '';
    expect(reviewed).toContain('Топ: куратор');
    expect(reviewed).toContain(scoreWords[3]);
    expect(reviewed).not.toMatch(/console-|incidents_reported|\d{4}-\d{2}-\d{2}T/);
    // The visit's report, printed from its page through the console in Kazakh.
    const [saved] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.locator('.downloads a[data-document$="/report"]').click(),
    ]);
    expect(saved.suggestedFilename()).toMatch(/-kk\.pdf$/);
    const report = (await pdfText(readFileSync(await saved.path()))).replace(/\s+/g, ' ');
    expect(report).toContain('Мониторинг сапарының есебі');
    expect(report).toContain('Провести встречу с жителями и акиматом.');

    await switchTo(supervisor, 'recommendations', '#recommendations-title');
    const recommendation = supervisor.locator('.cards li').first();
    await recommendation.waitFor();
    expect(await recommendation.textContent()).toContain('Провести встречу с жителями');
    // Issued from a visit that was not approved, it stays a draft: nothing to act on yet.
    expect((await recommendation.textContent())?.toLowerCase()).toMatch(/жоба|черновик/);
    expect(await recommendation.locator('.actions-row button').count()).toBe(0);
    await capture(supervisor, 'recommendations', '.cards li');
  }, 150_000);

  it('the coordinator sees mediators, courses and the certifications expiring soon', async () => {
    const coordinatorClaims = {
      sub: 'console-coordinator',
      roles: ['coordinator' as const],
      regions: ['KZ'],
    };
    const mediatorRecord = await api(coordinatorClaims, 'POST', '/mediators', {
      userId: 'console-mediator',
      name: 'Дана Оспанова',
      homeRegion: almaty,
      languages: ['kk', 'ru'],
    });
    // A one-month course passed: its certificate is among those expiring within 60 days.
    const course = await api(coordinatorClaims, 'POST', '/courses', {
      title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
      modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
      requiredHours: 8,
      passMark: 60,
      validityMonths: 1,
    });
    const enrolment = await api(coordinatorClaims, 'POST', '/enrolments', {
      mediatorId: mediatorRecord.mediatorId,
      courseId: course.courseId,
    });
    const enrolmentPath = `/enrolments/${String(enrolment.enrolmentId)}`;
    await api(coordinatorClaims, 'POST', `${enrolmentPath}/attendance`, { moduleId: 'm1', hours: 8 });
    await api(coordinatorClaims, 'POST', `${enrolmentPath}/assessment`, { score: 82 });
    const coordinator = await signIn({ sub: coordinatorClaims.sub, role: 'coordinator', region: 'KZ' });
    await coordinator.locator('#training-title').waitFor();
    await expect.poll(() => coordinator.locator('tbody tr').count()).toBe(1);
    expect(await coordinator.locator('tbody').textContent()).toContain('Дана Оспанова');
    expect(await coordinator.locator('#expiring-title + ul').textContent()).toContain('Дана Оспанова');
    await capture(coordinator, 'training', 'tbody tr');

    // The mediator, linked to the record by their user id, sees their own certificate on their home.
    await switchTo(mediator, 'cases', '#cases-title');
    await mediator.reload();
    await mediator.locator('#my-certificate').waitFor();
    expect(await mediator.locator('#my-certificate').textContent()).toMatch(/жарамды \(қалған күн: \d+\)/);
  }, 60_000);

  it('the mediator assigns a mediator picked by name from those eligible for the case, and sees why the others are not offered', async () => {
    const coordinatorClaims = {
      sub: 'console-coordinator',
      roles: ['coordinator' as const],
      regions: ['KZ'],
    };
    // Registered but never certified, and speaking neither party's language.
    await api(coordinatorClaims, 'POST', '/mediators', {
      userId: 'console-mediator-2',
      name: 'Ерлан Жақсылықов',
      homeRegion: almaty,
      languages: ['other'],
    });
    const registrar = { sub: 'console-mediator', roles: ['mediator' as const], regions: [almaty] };
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
    const assignable = String(registered.caseId);
    await api(registrar, 'POST', `/cases/${assignable}/screen`, {});
    for (const party of registered.parties as { partyId: string }[]) {
      await api(registrar, 'POST', `/cases/${assignable}/record-consent`, {
        partyId: party.partyId,
        consented: true,
      });
    }
    // case-intake learns of both mediators and the certificate from the `mediators` events.
    await waitFor(
      async () => {
        const offer = await api(registrar, 'GET', `/cases/${assignable}/eligible-mediators`);
        expect(offer.eligible).toHaveLength(1);
        expect(offer.notOffered).toHaveLength(1);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    await switchTo(mediator, `cases/${assignable}`, '#case-title');
    await mediator.locator('[data-command="assign"]').click();
    const picker = mediator.locator('#command-mediator');
    await picker.waitFor();
    await expect.poll(() => picker.locator('option').allTextContents()).toEqual(['Дана Оспанова']);
    const notOffered = mediator.locator('.not-offered li');
    await expect.poll(() => notOffered.textContent()).toContain('Ерлан Жақсылықов');
    expect(await notOffered.textContent()).toContain('жарамды сертификаты жоқ');
    expect(await notOffered.textContent()).toContain('тараптардың тілінде сөйлемейді');
    await capture(mediator, 'case-assign', '.not-offered li');
    await mediator.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(() => mediator.locator('dl.facts').textContent(), { timeout: 20_000 })
      .toContain('Дана Оспанова');
    const assigned = await api(registrar, 'GET', `/cases/${assignable}`);
    expect(assigned.status).toBe('assigned');
    expect(await mediator.locator('article').textContent()).not.toMatch(/console-|\d{4}-\d{2}-\d{2}T/);
  }, 90_000);

  it('a refused assignment reads in Kazakh, naming what is missing in words', async () => {
    const registrar = { sub: 'console-mediator', roles: ['mediator' as const], regions: [almaty] };
    const registered = await api(registrar, 'POST', '/cases', {
      region: almaty,
      district,
      category: 'neighbourhood',
      urgency: 'low',
      riskFlags: [],
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Гүлнар Сейітова' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Олег Ким' },
      ],
    });
    const unconsented = String(registered.caseId);
    await api(registrar, 'POST', `/cases/${unconsented}/screen`, {});
    const [first] = registered.parties as { partyId: string }[];
    await api(registrar, 'POST', `/cases/${unconsented}/record-consent`, {
      partyId: first?.partyId,
      consented: true,
    });
    await switchTo(mediator, `cases/${unconsented}`, '#case-title');
    await mediator.locator('[data-command="assign"]').click();
    await mediator.locator('#command-mediator').waitFor();
    await mediator.locator('.command-form button[type="submit"]').click();
    const refusal = mediator.locator('.command-form .notice-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Медиаторды тағайындау мүмкін емес: барлық тараптар келісім бермеген.',
    );
    expect(await refusal.textContent()).not.toMatch(/[a-z]_[a-z]|cannot/);
  }, 60_000);

  it('no main view, in either language, has a serious or critical accessibility violation (axe, WCAG 2.1 A/AA)', () => {
    for (const view of [
      'sign-in',
      'cases',
      'register-errors',
      'case-page',
      'case-assign',
      'inbox',
      'risk-map',
      'visits',
      'visit-findings',
      'visit-review',
      'recommendations',
      'training',
    ])
      expect(checked).toContain(view);
    expect(violations).toEqual([]);
  });
});

/** The service that answers `path` (the tests call the APIs directly to set the scene). */
function serviceOf(path: string): ServiceName {
  if (path.startsWith('/cases')) return 'case-intake';
  if (path.startsWith('/groups')) return 'notifications';
  if (/^\/(mediators|courses|enrolments)/.test(path)) return 'mediator-training';
  return 'regional-monitoring';
}

/** Waits until the view shows `selector`. */
const ready = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().waitFor();
};

async function switchTo(page: Page, path: string, ready: string): Promise<void> {
  await page.evaluate((to) => {
    location.hash = `#/${to}`;
  }, path);
  await page.locator(ready).waitFor();
}

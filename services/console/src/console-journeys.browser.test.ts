// Each role's whole job, signed in through Keycloak's own login page (the realm's demo users,
// the four services trusting only Keycloak's tokens), in Kazakh or Russian, with axe on every view
// on the way. One story in order: the coordinator enters the mediator Асель Нурланова in the
// registry, enrols her in a course and certifies her; she registers a critical case in Konaev,
// screens it, records both parties' consent, takes the case herself, records a session and an
// agreement with its follow-up date; the member of Konaev's group sees the case's alert and
// acknowledges it; the supervisor of the Almaty region reads the case (no command offered, no
// party's name), plans a visit, takes it to submission and issues a recommendation.
import { dayOf } from '@kelisim/contracts/calendar';
import { keycloakStartTimeoutMs } from '@kelisim/service-kit/testing/keycloak';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeViolation,
  launchChromium,
  screenshotDir,
  seriousViolations,
  switchLanguage,
} from './testing/browser.ts';
import { createCourse } from './testing/course-form.ts';
import {
  type KeycloakConsole,
  signInOnKeycloakPage,
  startKeycloakConsole,
} from './testing/keycloak-console.ts';

/** The realm's demo people (infra/keycloak/kelisim-users-0.json). */
const mediatorUser = {
  username: 'mediator.almaty',
  sub: 'seed-mediator-190000000-1',
  name: 'Асель Нурланова',
};
const almatyRegion = '190000000';
/** Konaev, the district whose group `member.almaty` belongs to (grp-191000000). */
const konaev = '191000000';

describe("each role's job in the console, signed in through Keycloak", () => {
  let running: KeycloakConsole;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: AxeViolation[] = [];
  const refused: string[] = [];
  let caseNumber = '';
  let caseId = '';

  async function signIn(username: string, lang: 'kk' | 'ru'): Promise<Page> {
    const { context, page } = await signInOnKeycloakPage(browser, running.console_.url, username, {
      locale: lang === 'kk' ? 'kk-KZ' : 'ru-RU',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      onRefused: (what) => refused.push(what),
    });
    contexts.push(context);
    await switchLanguage(page, lang);
    return page;
  }

  /** Waits for the view, then checks it with axe in the language it is in. */
  async function checked(page: Page, view: string, selector: string): Promise<void> {
    await page.locator(selector).first().waitFor();
    violations.push(...(await seriousViolations(page, view)));
  }

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.evaluate((to) => {
      location.hash = `#/${to}`;
    }, path);
    await page.locator(ready).first().waitFor();
  }

  beforeAll(async () => {
    running = await startKeycloakConsole();
    browser = await launchChromium();
    // The groups directory as an administrator's automation sets it up: the regions' groups and
    // Konaev's, so that a critical case there reaches `member.almaty`.
    const token = await running.keycloak.clientCredentialsToken(
      'kelisim-automation',
      process.env.KELISIM_AUTOMATION_CLIENT_SECRET ?? 'kelisim-automation-dev-secret',
    );
    const seeded = await fetch(`${running.platform.url('notifications')}/groups/seed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ districts: [konaev] }),
    });
    if (!seeded.ok) throw new Error(`groups seed: ${seeded.status} ${await seeded.text()}`);
  }, keycloakStartTimeoutMs + 240_000);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    console.error(`answers 401: ${refused.join(', ')}`);
    console.error(running?.platform.output().slice(-20_000) ?? 'no platform');
    for (const [index, page] of contexts.flatMap((c) => c.pages()).entries())
      await page.screenshot({ path: `${screenshotDir}failed-journeys-${index}.png` }).catch(() => {});
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await running?.console_.close();
    await running?.platform.stop();
  });

  it('the coordinator, in Kazakh, enters a mediator in the registry, enrols her in a course and certifies her', async () => {
    const page = await signIn('coordinator', 'kk');
    await checked(page, 'journey-training-kk', '#training-title');

    await open(page, 'mediators', '#mediators-title');
    await page.locator('#mediator-user-id').fill(mediatorUser.sub);
    await page.locator('#mediator-name').fill(mediatorUser.name);
    await page.locator('#mediator-home-region').selectOption(almatyRegion);
    await page.locator('#mediator-language-kk').check();
    await page.locator('#mediator-language-ru').check();
    await page.locator('#new-mediator-title ~ .actions-row button[type="submit"]').click();
    await page.locator('tbody a', { hasText: mediatorUser.name }).waitFor();
    await checked(page, 'journey-mediators-kk', 'tbody a');

    await open(page, 'courses', '#courses-title');
    await createCourse(page, {
      title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
      module: { kk: 'Кіріспе', ru: 'Введение' },
      hours: 8,
      passMark: 60,
      validityMonths: 12,
    });
    // The course's own page, from its title in the list.
    await page.locator('#courses-title ~ .cards h2 a', { hasText: 'Этномедиация негіздері' }).click();
    await expect.poll(() => page.locator('#course-title').textContent()).toBe('Этномедиация негіздері');
    expect(await page.locator('section[aria-labelledby="course-title"] li').textContent()).toContain(
      'Кіріспе',
    );
    await checked(page, 'journey-course-kk', '#course-title');

    await open(page, 'enrolments', '#enrol-title');
    await page.locator('#enrol-mediator').selectOption({ label: mediatorUser.name });
    await page.locator('#enrol-course').selectOption({ label: 'Этномедиация негіздері' });
    await page.locator('#enrol-title ~ .actions-row button[type="submit"]').click();
    // Attendance and the score recorded on the enrolment's own page.
    await page.locator('.cards .card h3 a', { hasText: mediatorUser.name }).click();
    await page.locator('#enrolment-title').waitFor();
    const enrolment = page.locator('section[aria-labelledby="enrolment-title"] .card');
    await enrolment.locator('input[id^="attendance-hours-"]').fill('8');
    await enrolment.locator('form').first().locator('button[type="submit"]').click();
    await expect.poll(() => enrolment.textContent()).toContain('8 сағаттың 8 сағатына');
    await checked(page, 'journey-enrolment-kk', '#enrolment-title');
    await enrolment.locator('input[id^="assessment-score-"]').fill('82');
    await enrolment.locator('form').nth(1).locator('button[type="submit"]').click();
    // The certificate issued, opened from the enrolment.
    await enrolment.locator('a[href^="#/certifications/"]').click();
    await page.locator('#certification-title').waitFor();
    const certificate = page.locator('section[aria-labelledby="certification-title"] .card');
    await expect.poll(() => certificate.locator('.badge').textContent()).toBe('Жарамды');
    expect(await certificate.textContent()).toContain(mediatorUser.name);
    expect(await certificate.textContent()).toContain('Этномедиация негіздері');
    await checked(page, 'journey-certification-kk', '#certification-title');

    await open(page, 'certifications', '.cards .card');
    await expect
      .poll(() =>
        page.locator('.cards .card', { hasText: mediatorUser.name }).locator('.badge').textContent(),
      )
      .toBe('Жарамды');
    await checked(page, 'journey-certifications-kk', '.cards .card');
  }, 150_000);

  it('the mediator, in Russian, registers a critical case, records consent, takes it, records a session and an agreement with its follow-up date', async () => {
    const page = await signIn(mediatorUser.username, 'ru');
    await checked(page, 'journey-cases-ru', '#cases-title');
    // Her certificate, issued a moment ago, is on her home, valid for a year.
    await page.locator('#my-certificate .notice-info').waitFor({ timeout: 20_000 });
    // Her training, read-only: the course completed, the certificate valid, nothing to record or decide.
    await page.locator('header nav a[href="#/my-training"]').click();
    const myEnrolment = page.locator('#my-enrolments-title + ul .card');
    await expect.poll(() => myEnrolment.locator('.badge').textContent()).toBe('Завершил');
    expect(await myEnrolment.locator('form').count()).toBe(0);
    const myCertificate = page.locator('#my-certifications-title + ul .card');
    expect(await myCertificate.locator('.badge').textContent()).toBe('Действует');
    expect(await myCertificate.locator('button').count()).toBe(0);
    await checked(page, 'journey-my-training-ru', '#my-certifications-title + ul .card');
    await myCertificate.locator('h2 a').click();
    await page.locator('#certification-title').waitFor();
    expect(await page.locator('section[aria-labelledby="certification-title"] button').count()).toBe(0);
    await page.locator('section[aria-labelledby="certification-title"] a[href="#/my-training"]').waitFor();

    await open(page, 'cases/new', '#register-title');
    await page.locator('#district').selectOption(konaev);
    await page.locator('#urgency').selectOption('critical');
    await page.locator('#party-0-name').fill('Айгерим Сейтқали');
    await page.locator('#party-1-name').fill('Ольга Петренко');
    await page.locator('#party-1-language').selectOption('ru');
    await checked(page, 'journey-register-ru', '#register-title');
    await page.locator('section[aria-labelledby="register-title"] form button[type="submit"]').click();
    await page.locator('#case-title').waitFor();
    caseId = /#\/cases\/([^?]+)/.exec(page.url())?.[1] ?? '';
    caseNumber = /(EM-\S+)/.exec((await page.locator('#case-title').textContent()) ?? '')?.[1] ?? '';
    expect(caseNumber).not.toBe('');

    /**
     * Sends the open command form and waits until the case is read again (its timeline one event
     * longer), so that the next command carries the new version; or says what the form showed.
     */
    const sendForm = async (name: string) => {
      const events = await page.locator('.timeline li').count();
      await page.locator('.command-form button[type="submit"]').click();
      await expect
        .poll(() => page.locator('.timeline li').count(), { timeout: 20_000 })
        .toBeGreaterThan(events)
        .catch(async (error) => {
          throw new Error(`${name}: ${await page.locator('.command-form').textContent()}`, { cause: error });
        });
    };
    const command = async (name: string, fill?: () => Promise<void>) => {
      await page.locator(`[data-command="${name}"]`).click();
      await page.locator('.command-form').waitFor();
      await fill?.();
      await sendForm(name);
    };
    await command('screen');
    // One consent per party: the form offers the party not asked yet.
    await command('record-consent');
    await command('record-consent');

    // case-intake learns of her certificate from the `mediators` events: she is offered by name.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('[data-command="assign"]').click();
          await page.locator('#command-mediator').waitFor();
          return page.locator('#command-mediator option').allTextContents();
        },
        { timeout: 30_000 },
      )
      .toEqual([mediatorUser.name]);
    await checked(page, 'journey-assign-ru', '#command-mediator');
    await sendForm('assign');
    await expect
      .poll(() => page.locator('dl.facts').textContent(), { timeout: 20_000 })
      .toContain(mediatorUser.name);

    await command('record-session', async () => {
      await page.locator('#command-duration').fill('90');
    });
    const followUp = dayOf(new Date(Date.now() + 30 * 86_400_000));
    await command('record-outcome', async () => {
      await page.locator('#command-outcome').selectOption('agreement');
      await page.locator('#command-agreement').fill('Стороны договорились о порядке пользования двором.');
      await page.locator('#command-follow-up-due').fill(followUp);
      violations.push(...(await seriousViolations(page, 'journey-outcome-ru')));
    });
    // The follow-up day shown on the case, and kept by case-intake.
    await expect
      .poll(() => page.locator('dl.facts dt:has-text("Контроль исполнения") + dd').textContent())
      .not.toBe('—');
    const stored = await page.evaluate(
      async (id) => (await (await fetch(`/api/case-intake/cases/${id}`)).json()) as { followUpDue: string },
      caseId,
    );
    expect(stored.followUpDue).toBe(followUp);
    const timeline = await page.locator('.timeline').textContent();
    for (const step of ['Согласие', 'Назначен медиатор', 'Проведена сессия', 'Записан итог'])
      expect(timeline?.toLowerCase()).toContain(step.toLowerCase());
    await checked(page, 'journey-case-ru', '.timeline li');
  }, 180_000);

  it("the Konaev group's member, in Kazakh, sees the case's alert in the inbox, acknowledges it, and finds it on the group's page", async () => {
    const page = await signIn('member.almaty', 'kk');
    await page.locator('#inbox-title').waitFor();
    const card = page.locator(`li[data-source="${caseId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain(caseNumber);
    await checked(page, 'journey-inbox-kk', `li[data-source="${caseId}"]`);
    await card.locator('input').fill('Топ хабардар, медиатор жұмыс істеп жатыр');
    await card.locator('button[type="submit"]').click();
    await card.locator('.acknowledged').waitFor();
    expect(await card.locator('.acknowledged').textContent()).toContain('медиатор жұмыс істеп жатыр');
    await checked(page, 'journey-inbox-acknowledged-kk', `li[data-source="${caseId}"] .acknowledged`);

    // Their group's own page, from "My groups": its alerts, the case's among them, each opening its page.
    await page.locator('header nav a[href="#/my-groups"]').click();
    await page.locator('#my-groups-title ~ .cards a').first().waitFor();
    await checked(page, 'journey-my-groups-kk', '#my-groups-title ~ .cards a');
    await page.locator('#my-groups-title ~ .cards a[href="#/groups/grp-191000000"]').click();
    await page.locator('#group-title').waitFor();
    const listed = page.locator(`#group-title ~ .cards li[data-source="${caseId}"]`);
    await listed.waitFor();
    await checked(page, 'journey-group-kk', `li[data-source="${caseId}"]`);
    await listed.locator('a').click();
    await page.locator('#alert-title').waitFor();
    expect(page.url()).toMatch(/#\/alerts\//);
  }, 90_000);

  it('the Almaty region supervisor, in Russian, reads the case without commands or names, plans a visit, submits its findings and issues a recommendation', async () => {
    const page = await signIn('supervisor.almaty', 'ru');
    await checked(page, 'journey-risk-ru', '#risk-title');

    await open(page, 'cases', '#cases-title');
    expect(await page.locator('a[href="#/cases/new"]').count()).toBe(0);
    await page.locator('.case-card a', { hasText: caseNumber }).click();
    await page.locator('#case-title').waitFor();
    await page.locator('.timeline li').first().waitFor();
    const casePage = (await page.locator('article').textContent()) ?? '';
    expect(casePage).not.toContain('Айгерим Сейтқали');
    expect(await page.locator('.command-buttons button, [data-command]').count()).toBe(0);
    await checked(page, 'journey-case-read-ru', '.timeline li');

    await open(page, 'visits', '#visits-title');
    await page.locator('details.card summary').click();
    await page.locator('details.card form button[type="submit"]').click();
    await page.locator('.cards a').first().waitFor();
    await checked(page, 'journey-visits-ru', '.cards a');
    await page.locator('.cards a').first().click();
    await page.locator('#visit-title').waitFor();
    await page.locator('article > button.primary').click();
    await page.locator('#submit-title').waitFor();
    await page.locator('form select').first().selectOption('3');
    await checked(page, 'journey-findings-ru', '#submit-title');
    await page.locator('form button[type="submit"]').click();
    await page.locator('#issue-title').waitFor();
    await page.locator('#rec-text').fill('Провести встречу жителей Конаева с акиматом.');
    await checked(page, 'journey-issue-ru', '#issue-title');
    await page.locator('form[aria-labelledby="issue-title"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#rec-text').inputValue()).toBe('');

    await open(page, 'recommendations', '#recommendations-title');
    await expect
      .poll(() => page.locator('.cards li').first().textContent(), { timeout: 20_000 })
      .toContain('Провести встречу жителей Конаева');
    await checked(page, 'journey-recommendations-ru', '.cards li');

    // Its own page: a draft while the visit is under review, which its author corrects there.
    await page.locator('.cards li a', { hasText: 'Провести встречу жителей Конаева' }).click();
    await page.locator('#recommendation-title').waitFor();
    expect(
      await page.locator('section[aria-labelledby="recommendation-title"] .badge').first().textContent(),
    ).toBe('Черновик');
    await page.locator('#recommendation-text').fill('');
    await page.locator('#recommendation-edit-title ~ .actions-row button[type="submit"]').click();
    await expect.poll(() => page.locator('#recommendation-text').getAttribute('aria-invalid')).toBe('true');
    await checked(page, 'journey-recommendation-errors-ru', '#recommendation-text-error');
    await page
      .locator('#recommendation-text')
      .fill('Провести встречу жителей Конаева с акиматом и домом дружбы.');
    await page.locator('#recommendation-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('section[aria-labelledby="recommendation-title"] > .notice-success').waitFor();
    await expect
      .poll(() => page.locator('section[aria-labelledby="recommendation-title"] .description').textContent())
      .toBe('Провести встречу жителей Конаева с акиматом и домом дружбы.');
    await checked(page, 'journey-recommendation-ru', '#recommendation-title');
  }, 150_000);

  it('no view of these journeys has a serious or critical accessibility violation, and nobody was signed out', () => {
    expect(violations).toEqual([]);
    expect(refused).toEqual([]);
  });
});

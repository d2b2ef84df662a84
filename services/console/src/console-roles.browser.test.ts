// The coordinator's and administrator's views in a real browser against the running platform
// (the e2e harness's four services, the development sign-in): a coordinator creates a course,
// enrols a mediator, records attendance and a passing assessment (which issues the certificate),
// suspends and reinstates it; an administrator manages groups and their members, alert rules, and
// reads the audit trail. A refusal shows its message beside the field it names, in Kazakh. Every
// other role reads, without forms, what it may not change (courses, its groups, the indicators, a
// mediator their own record); a second case command right after a first goes on the first's answer.
// Each view is checked with axe and photographed in Kazakh and Russian.
import { mkdirSync } from 'node:fs';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type AxeViolation, captureView, launchChromium, screenshotDir } from './testing/browser.ts';
import { type ConsoleUnderTest, startConsole } from './testing/console-under-test.ts';
import { createCourse } from './testing/course-form.ts';

const almaty = '750000000';

describe("the coordinator's and administrator's views in a browser", () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: AxeViolation[] = [];

  async function capture(page: Page, name: string, selector: string): Promise<void> {
    violations.push(...(await captureView(page, name, (p) => p.locator(selector).first().waitFor())));
  }

  async function api(claims: TestTokenClaims & { sub: string }, method: string, url: string, body?: object) {
    const token = await platform.auth.mint(claims);
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function signIn(form: {
    sub: string;
    role: string;
    region: string;
    district?: string;
  }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
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

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.evaluate((to) => {
      location.hash = `#/${to}`;
    }, path);
    await page.locator(ready).first().waitFor();
  }

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    platform = await Platform.start({ env: {} });
    browser = await launchChromium();
    console_ = await startConsole(platform);
  }, 240_000);

  // What the browser showed when a step failed, beside the views' screenshots.
  let failed = false;
  const watch = () =>
    onTestFailed(() => {
      failed = true;
      console.error(platform?.output().slice(-20_000) ?? 'no platform');
    });
  afterEach(async () => {
    if (!failed) return;
    for (const [index, page] of contexts.flatMap((c) => c.pages()).entries())
      await page.screenshot({ path: `${screenshotDir}failed-roles-${index}.png` }).catch(() => {});
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await console_?.close();
    await platform?.stop();
  });

  it('a coordinator runs a course and certifies a mediator, then suspends and reinstates the certificate', async () => {
    watch();
    const claims = { sub: 'roles-coordinator', roles: ['coordinator' as const], regions: ['KZ'] };
    const page = await signIn({ sub: claims.sub, role: 'coordinator', region: 'KZ' });

    // The registry: an empty form refused beside its fields; the mediator entered, then their
    // card edited (a phone that is none refused beside the phone).
    await open(page, 'mediators', '#mediators-title');
    const register = page.locator('#new-mediator-title ~ .actions-row button[type="submit"]');
    await register.click();
    await expect.poll(() => page.locator('#mediator-name').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#mediator-languages-error').waitFor();
    await capture(page, 'mediator-errors', '#mediator-home-region-error');
    await page.locator('#mediator-user-id').fill('roles-mediator');
    await page.locator('#mediator-name').fill('Гүлнар Әбенова');
    await page.locator('#mediator-home-region').selectOption(almaty);
    await page.locator('#mediator-language-kk').check();
    await page.locator('#mediator-language-ru').check();
    await register.click();
    await page.locator('tbody a', { hasText: 'Гүлнар Әбенова' }).click();
    await page.locator('#mediator-edit-title').waitFor();
    await page.locator('#edit-mediator-phone').fill('телефон');
    await page.locator('#mediator-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('#edit-mediator-phone-error').waitFor();
    await page.locator('#edit-mediator-phone').fill('+7 701 234 56 78');
    await page.locator('#mediator-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('#mediator-title ~ form .notice-success').waitFor();
    await capture(page, 'mediator', '#mediator-edit-title');

    // Courses: an empty form is refused by the service, each message beside its field, in Kazakh.
    await open(page, 'courses', '#courses-title');
    await page.locator('#new-course-title ~ .actions-row button[type="submit"]').click();
    await expect.poll(() => page.locator('#course-title-kk').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#course-title-kk-error').textContent()).not.toBe('');
    await capture(page, 'course-errors', '#course-title-kk-error');
    await createCourse(page, {
      title: { kk: 'Медиация негіздері', ru: 'Основы медиации' },
      module: { kk: 'Кіріспе', ru: 'Введение' },
      hours: 8,
      passMark: 60,
      validityMonths: 12,
    });
    await page.locator('#courses-title ~ .cards h2', { hasText: 'Медиация негіздері' }).waitFor();
    await capture(page, 'courses', '#courses-title ~ .cards h2');

    // Enrolments: enrol, attend, pass: the certificate is issued.
    await open(page, 'enrolments', '#enrol-title');
    await page.locator('#enrol-mediator').selectOption({ label: 'Гүлнар Әбенова' });
    await page.locator('#enrol-course').selectOption({ label: 'Медиация негіздері' });
    await page.locator('#enrol-title ~ .actions-row button[type="submit"]').click();
    const card = page.locator('.cards .card', { hasText: 'Гүлнар Әбенова' });
    await card.locator('input[id^="attendance-hours-"]').fill('8');
    await card.locator('form').first().locator('button[type="submit"]').click();
    await expect.poll(() => card.textContent()).toContain('8 сағаттың 8 сағатына');
    await card.locator('input[id^="assessment-score-"]').fill('82');
    await card.locator('form').nth(1).locator('button[type="submit"]').click();
    await card.locator('a[href^="#/certifications/"]').waitFor();
    await capture(page, 'enrolments', '.cards a[href^="#/certifications/"]');

    // Certifications: a suspension without a reason is refused beside the reason; with one it holds.
    await open(page, 'certifications', '.cards .card');
    const certificate = page.locator('.cards .card', { hasText: 'Гүлнар Әбенова' });
    expect(await certificate.textContent()).toContain('жарамды');
    await certificate.locator('button', { hasText: 'Тоқтата тұру' }).click();
    await expect.poll(() => certificate.locator('select').getAttribute('aria-invalid')).toBe('true');
    await capture(page, 'certification-errors', '.cards .card .field-error');
    await certificate.locator('select').selectOption('complaint_under_review');
    await certificate.locator('button', { hasText: 'Тоқтата тұру' }).click();
    await expect
      .poll(() => certificate.locator('.badge').textContent(), { timeout: 10_000 })
      .toBe('Тоқтатылған');
    await certificate.locator('button', { hasText: 'Қалпына келтіру' }).click();
    await expect.poll(() => certificate.locator('.badge').textContent(), { timeout: 10_000 }).toBe('Жарамды');
    await capture(page, 'certifications', '.cards .card');
    expect(violations).toEqual([]);
  }, 120_000);

  it('an administrator manages groups and their members, edits an alert rule, reads the audit trail and keeps the indicator catalogue', async () => {
    watch();
    const admin = { sub: 'roles-admin', roles: ['admin' as const], regions: ['KZ'] };
    const mediator = { sub: 'roles-mediator', roles: ['mediator' as const], regions: [almaty] };
    const registered = await api(mediator, 'POST', `${platform.url('case-intake')}/cases`, {
      region: almaty,
      district: districtsOf(almaty)[0]?.kato,
      category: 'neighbourhood',
      urgency: 'medium',
      riskFlags: [],
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Мәди Сәрсенов' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Пётр Ким' },
      ],
    });
    await api(admin, 'GET', `${platform.url('case-intake')}/cases/${String(registered.caseId)}`);
    const page = await signIn({ sub: admin.sub, role: 'admin', region: 'KZ' });

    // Groups: the standard ones created at once; a regional group without its region is refused
    // beside the region; a member put in by user id is listed and removed again.
    await open(page, 'groups', '#new-group-title');
    await page.locator('#new-group-title ~ .actions-row button[type="button"]').click();
    const groupUrl = `${platform.url('notifications')}/groups/grp-${almaty}`;
    await expect
      .poll(
        async () =>
          (await fetch(groupUrl, { headers: { authorization: `Bearer ${await platform.auth.mint(admin)}` } }))
            .status,
        { timeout: 30_000 },
      )
      .toBe(200);
    const group = await api(admin, 'GET', groupUrl);
    const groupName = (group.names as { kk: string }).kk;
    await page.locator('.cards .card h2', { hasText: groupName }).waitFor();
    await page.locator('#new-group-title ~ .actions-row button[type="submit"]').click();
    await expect.poll(() => page.locator('#group-region').getAttribute('aria-invalid')).toBe('true');
    await capture(page, 'group-errors', '#group-region-error');
    await api(admin, 'PUT', groupUrl, {
      names: group.names,
      members: [{ userId: 'roles-member', language: 'kk' }],
    });
    await page.reload();
    const member = page.locator('.cards .card', { hasText: 'roles-member' });
    await member.waitFor();
    await capture(page, 'groups', '.cards .card table');
    await member.locator('button', { hasText: 'Шығару' }).click();
    await expect.poll(() => page.locator('.cards .card', { hasText: 'roles-member' }).count()).toBe(0);

    // Alert rules: a rule sent to nobody is refused beside its targets; a severity change is saved.
    await open(page, 'alert-rules', '#rules-title ~ .cards .card');
    const rule = page.locator('.cards .card').first();
    for (const box of await rule.locator('fieldset input[type="checkbox"]').all()) await box.uncheck();
    await rule.locator('button[type="submit"]').click();
    await rule.locator('fieldset .field-error').waitFor();
    await capture(page, 'alert-rule-errors', 'fieldset .field-error');
    await rule.locator('fieldset input[type="checkbox"]').first().check();
    await rule.locator('select').selectOption('high');
    await rule.locator('button[type="submit"]').click();
    await page.locator('.notice-success').waitFor();
    await capture(page, 'alert-rules', '.cards .card');

    // The audit trail: the registration and the administrator's read, narrowed to the case.
    await open(page, 'audit', '#audit-title');
    const number = String(registered.caseNumber);
    await page.locator('tbody tr', { hasText: number }).first().waitFor();
    await page.locator('tbody button', { hasText: number }).first().click();
    await expect.poll(() => page.locator('#audit-title ~ form').textContent()).toContain(number);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('tbody').textContent()).toContain('roles-admin');
    await capture(page, 'audit', 'tbody tr');

    // The indicator catalogue: an indicator without a code refused beside the code; added; its
    // weight out of range refused beside the weight, then saved.
    await open(page, 'indicators', '#new-indicator-title');
    const add = page.locator('#new-indicator-title ~ .actions-row button[type="submit"]');
    await add.click();
    await page.locator('#indicator-code-error').waitFor();
    await capture(page, 'indicator-errors', '#indicator-code-error');
    await page.locator('#indicator-code').fill('roles_youth_tension');
    await page.locator('#indicator-label-kk').fill('Жастар арасындағы шиеленіс');
    await page.locator('#indicator-label-ru').fill('Напряжённость среди молодёжи');
    await page.locator('#indicator-weight').fill('0,3');
    await add.click();
    await page.locator('.cards a', { hasText: 'Жастар арасындағы шиеленіс' }).click();
    await page.locator('#indicator-edit-title').waitFor();
    await page.locator('#edit-indicator-weight').fill('2');
    await page.locator('#indicator-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('#edit-indicator-weight-error').waitFor();
    await page.locator('#edit-indicator-weight').fill('0,25');
    await page.locator('#indicator-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('#indicator-edit-title ~ div .notice-success').waitFor();
    expect(violations).toEqual([]);
  }, 120_000);
  it("a mediator withdraws a party's consent; a group member opens an alert, resolves it and sets their alert preferences; a supervisor reads a region and an indicator's scale", async () => {
    watch();
    const district = districtsOf(almaty)[0]?.kato ?? '';
    const admin = { sub: 'roles-admin', roles: ['admin' as const], regions: ['KZ'] };
    await api(admin, 'POST', `${platform.url('notifications')}/groups/seed`, { districts: [district] });
    const mediator = { sub: 'roles-mediator', roles: ['mediator' as const], regions: [almaty] };
    const cases = `${platform.url('case-intake')}/cases`;
    const registered = await api(mediator, 'POST', cases, {
      region: almaty,
      district,
      category: 'neighbourhood',
      urgency: 'critical',
      riskFlags: [],
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Айжан Серікова' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Олег Пак' },
      ],
    });
    const caseId = String(registered.caseId);
    const command = async (name: string, version: number, body: object) => {
      const response = await fetch(`${cases}/${caseId}/${name}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await platform.auth.mint(mediator)}`,
          'content-type': 'application/json',
          'if-match': `"${version}"`,
        },
        body: JSON.stringify(body),
      });
      expect(response.status, `${name}: ${await response.clone().text()}`).toBe(200);
      return (await response.json()) as { version: number };
    };
    const screened = await command('screen', Number(registered.version), {});
    const parties = registered.parties as { partyId: string }[];
    await command('record-consent', screened.version, { partyId: parties[0]?.partyId, consented: true });

    // The mediator: the party who consented withdraws; their name leaves the case.
    const desk = await signIn({ sub: mediator.sub, role: 'mediator', region: almaty });
    await open(desk, `cases/${caseId}`, 'button[data-command="withdraw-consent"]');
    await desk.locator('button[data-command="withdraw-consent"]').click();
    await capture(desk, 'withdraw-consent', '#actions-title ~ form #command-party');
    await desk.locator('#actions-title ~ form button[type="submit"]').click();
    await expect
      .poll(() => desk.locator('main').textContent(), { timeout: 15_000 })
      .not.toContain('Айжан Серікова');
    expect(await desk.locator('main').textContent()).toContain('Олег Пак');

    // The district group's member: the critical case's alert on its page, read on opening; closed
    // without saying how, refused beside the resolution; closed as handled.
    const member = await signIn({ sub: 'roles-member', role: 'group_member', region: almaty, district });
    const card = member.locator('.alert-card').first();
    await card.waitFor({ timeout: 30_000 });
    await card.locator('a.alert-link').click();
    await member.locator('#alert-title').waitFor();
    await member.locator('#resolve-title ~ button[type="submit"]').click();
    await expect.poll(() => member.locator('#alert-resolution').getAttribute('aria-invalid')).toBe('true');
    await capture(member, 'alert-errors', '#alert-resolution-error');
    await member.locator('#alert-resolution').selectOption('handled');
    await member.locator('#resolve-title ~ button[type="submit"]').click();
    await member.locator('#alert-title ~ .notice-success').waitFor();
    await capture(member, 'alert', '#deliveries-title');

    // Their own preferences: a time zone that is none refused beside it; saved without one.
    await open(member, 'preferences', '#preferences-time-zone');
    await member.locator('#preferences-time-zone').fill('Mars/Olympus');
    await member.locator('#preferences-title ~ form button[type="submit"]').click();
    await member.locator('#preferences-time-zone-error').waitFor();
    await capture(member, 'preferences-errors', '#preferences-time-zone-error');
    await member.locator('#preferences-time-zone').fill('');
    await member.locator('#preferences-language').selectOption('ru');
    await member.locator('#preferences-title ~ form button[type="submit"]').click();
    await member.locator('#preferences-title ~ form .notice-success').waitFor();
    await capture(member, 'preferences', '#preferences-title ~ form .notice-success');

    // A supervisor: from the risk map to the region's risk, its history and statistics.
    const supervisor = await signIn({ sub: 'roles-supervisor', role: 'supervisor', region: almaty });
    await supervisor.locator(`a[href="#/risk/${almaty}"]`).click();
    await supervisor.locator('#region-statistics-title').waitFor();
    await capture(supervisor, 'region', '#region-statistics-title');
    // The catalogue's indicators, each step of a scale in words.
    await open(supervisor, 'indicators', '#indicators-title ~ .cards a');
    await supervisor.locator('#indicators-title ~ .cards a').first().click();
    await supervisor.locator('#scale-title').waitFor();
    expect(await supervisor.locator('#indicator-edit-title').count()).toBe(0);
    await capture(supervisor, 'indicator', '#scale-title');
    expect(violations).toEqual([]);
  }, 150_000);
  it('each role reads what it may not change: the courses, the groups its alerts come through, the indicators, and a mediator their own record', async () => {
    watch();
    const admin = { sub: 'roles-admin', roles: ['admin' as const], regions: ['KZ'] };
    const coordinator = { sub: 'roles-coordinator', roles: ['coordinator' as const], regions: ['KZ'] };
    const training = platform.url('mediator-training');
    const notifications = platform.url('notifications');
    await api(coordinator, 'POST', `${training}/courses`, {
      title: { kk: 'Келіссөз жүргізу', ru: 'Ведение переговоров' },
      modules: [{ moduleId: 'talks-1', title: { kk: 'Тыңдау', ru: 'Слушание' }, hours: 6 }],
      requiredHours: 6,
      passMark: 70,
      validityMonths: 24,
    });
    await api(coordinator, 'POST', `${training}/mediators`, {
      userId: 'roles-reader',
      name: 'Әсел Нұрланқызы',
      homeRegion: almaty,
      languages: ['kk'],
    });
    await api(admin, 'POST', `${notifications}/groups/seed`, { districts: [] });
    const supervisorsUrl = `${notifications}/groups/grp-supervisors-${almaty}`;
    const supervisors = await api(admin, 'GET', supervisorsUrl);
    const supervisorsName = (supervisors.names as { kk: string }).kk;
    await api(admin, 'PUT', supervisorsUrl, {
      names: supervisors.names,
      members: [{ userId: 'roles-supervisor', language: 'ru' }],
    });
    const noCommand = async (page: Page) => {
      expect(await page.locator('main form').count()).toBe(0);
      expect(await page.locator('main .card button').count()).toBe(0);
    };

    // A group member: the courses and a course's page, without the coordinator's forms.
    const district = districtsOf(almaty)[0]?.kato ?? '';
    const member = await signIn({ sub: 'roles-member', role: 'group_member', region: almaty, district });
    await open(member, 'courses', '#courses-title ~ .cards h2');
    await member.locator('#courses-title ~ .cards h2 a', { hasText: 'Келіссөз жүргізу' }).waitFor();
    await noCommand(member);
    await capture(member, 'courses-read', '#courses-title ~ .cards h2');
    await member.locator('#courses-title ~ .cards h2 a', { hasText: 'Келіссөз жүргізу' }).click();
    await member.locator('#course-title').waitFor();
    expect(await member.locator('main').textContent()).toContain('Тыңдау');
    await noCommand(member);
    await capture(member, 'course-read', '#course-title');

    // A supervisor: their region's supervisors' group, its members by name (or account), no forms.
    const supervisor = await signIn({ sub: 'roles-supervisor', role: 'supervisor', region: almaty });
    await open(supervisor, 'my-groups', '#my-groups-title ~ .cards a');
    await supervisor.locator('#my-groups-title ~ .cards a', { hasText: supervisorsName }).click();
    await supervisor.locator('#group-members li').waitFor();
    expect(await supervisor.locator('#group-members li').count()).toBe(1);
    expect(await supervisor.locator('#group-title').textContent()).toBe(supervisorsName);
    await noCommand(supervisor);
    await capture(supervisor, 'group-read', '#group-alerts-title');

    // A coordinator: the coordinators' group; an indicator's scale without the editing form.
    const desk = await signIn({ sub: coordinator.sub, role: 'coordinator', region: 'KZ' });
    await open(desk, 'my-groups', '#my-groups-title ~ .cards a');
    await desk.locator('#my-groups-title ~ .cards a', { hasText: 'үйлестірушілері' }).waitFor();
    await open(desk, 'indicators', '#indicators-title ~ .cards a');
    expect(await desk.locator('#new-indicator-title').count()).toBe(0);
    await desk.locator('#indicators-title ~ .cards a').first().click();
    await desk.locator('#scale-title').waitFor();
    expect(await desk.locator('#indicator-edit-title').count()).toBe(0);

    // A mediator: their record in the registry from "My training", their personal group (no
    // members' names: those are for people who manage people), the indicators and a course.
    const reader = await signIn({ sub: 'roles-reader', role: 'mediator', region: almaty });
    await open(reader, 'my-training', '#my-training-title ~ p a[href^="#/mediators/"]');
    await reader.locator('#my-training-title ~ p a[href^="#/mediators/"]').click();
    await expect.poll(() => reader.locator('#my-profile-title').textContent()).toBe('Әсел Нұрланқызы');
    expect(await reader.locator('main .facts').textContent()).toContain('Алматы');
    await noCommand(reader);
    await capture(reader, 'my-profile', '#my-profile-title ~ .facts');
    await open(reader, 'my-groups', '#my-groups-title');
    const personal = reader.locator('#my-groups-title ~ .cards a');
    await expect.poll(() => personal.count(), { timeout: 30_000 }).toBe(1);
    await personal.click();
    await reader.locator('#group-alerts-title').waitFor();
    expect(await reader.locator('#group-members').count()).toBe(0);
    await open(reader, 'indicators', '#indicators-title ~ .cards a');
    await reader.locator('#indicators-title ~ .cards a').first().click();
    await reader.locator('#scale-title').waitFor();
    expect(await reader.locator('#indicator-edit-title').count()).toBe(0);
    await capture(reader, 'indicator-read', '#scale-title');
    await open(reader, 'courses', '#courses-title ~ .cards h2 a');
    await reader.locator('#courses-title ~ .cards h2 a', { hasText: 'Келіссөз жүргізу' }).click();
    await reader.locator('#course-title').waitFor();
    await noCommand(reader);
    expect(violations).toEqual([]);
  }, 180_000);

  it('a command sent right after another goes on the case as the first left it, however slowly the case is read again', async () => {
    watch();
    const mediator = { sub: 'roles-mediator', roles: ['mediator' as const], regions: [almaty] };
    const cases = `${platform.url('case-intake')}/cases`;
    const registered = await api(mediator, 'POST', cases, {
      region: almaty,
      district: districtsOf(almaty)[0]?.kato,
      category: 'neighbourhood',
      urgency: 'medium',
      riskFlags: [],
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Ерлан Бекұлы' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Инна Ли' },
      ],
    });
    const caseId = String(registered.caseId);
    const desk = await signIn({ sub: mediator.sub, role: 'mediator', region: almaty });
    await open(desk, `cases/${caseId}`, 'button[data-command="screen"]');
    // From here each read of the case answers 8 s late, with the case as it was when asked.
    await desk.route(`**/api/case-intake/cases/${caseId}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      await route.fulfill({ response });
    });
    await desk.locator('button[data-command="screen"]').click();
    await desk.locator('.command-form button[type="submit"]').click();
    // The screened case's commands at once, from the command's answer, not 8 s later.
    await desk.locator('button[data-command="record-consent"]').waitFor({ timeout: 5_000 });
    await desk.locator('button[data-command="escalate"]').click();
    await desk.locator('#command-level').selectOption('2');
    await desk.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(async () => (await api(mediator, 'GET', `${cases}/${caseId}`)).escalationLevel, {
        timeout: 7_000,
      })
      .toBe(2);
    expect(await desk.locator('.command-form .notice-error').count()).toBe(0);
    // The late read of the screened case does not put the older version back on the page.
    await desk.waitForTimeout(9_000);
    expect(await desk.locator('button[data-command="record-consent"]').count()).toBe(1);
    await desk.locator('button[data-command="escalate"]').click();
    await desk.locator('#command-level').selectOption('3');
    await desk.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(async () => (await api(mediator, 'GET', `${cases}/${caseId}`)).escalationLevel, {
        timeout: 7_000,
      })
      .toBe(3);
  }, 120_000);
});

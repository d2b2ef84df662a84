// The Assembly's network in a real browser against the running platform (issue 27): a coordinator
// keeps the partner directory (a partner registered through the form, the list filtered by kind,
// a card whose contact person the coordinator sees, edited); a mediator refers a case to a partner
// of its region picked by name, and sees the volunteer rules at assignment; the case page names the
// referral partner, each session's venue and the partners who took part; a visit page names the
// partners met, and a recommendation picks an owner partner that the recommendations list names.
// The directory, the pickers and the pages are checked with axe and photographed in Kazakh and
// Russian, and what they show is read in both languages.
import { mkdirSync } from 'node:fs';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { Platform } from '@kelisim/e2e/platform-harness';
import type { ServiceName } from '@kelisim/launcher/service-process';
import type { TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeViolation,
  captureView,
  type Lang,
  launchChromium,
  screenshotDir,
  switchLanguage,
} from './testing/browser.ts';
import { type ConsoleUnderTest, startConsole } from './testing/console-under-test.ts';

const almaty = '750000000';
const district = districtsOf(almaty)[0]?.kato ?? '';
const coordinatorClaims = { sub: 'partners-coordinator', roles: ['coordinator' as const], regions: ['KZ'] };
const registrar = { sub: 'partners-mediator', roles: ['mediator' as const], regions: [almaty] };

const serviceOf = (path: string): ServiceName => {
  if (/^\/(visits|recommendations)/.test(path)) return 'regional-monitoring';
  return /^\/(mediators|partners|courses|enrolments)/.test(path) ? 'mediator-training' : 'case-intake';
};

describe('the partner directory and the partner pickers in a browser', () => {
  let platform: Platform;
  let console_: ConsoleUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const violations: AxeViolation[] = [];

  async function capture(page: Page, name: string, selector: string): Promise<void> {
    violations.push(...(await captureView(page, name, (p) => p.locator(selector).first().waitFor())));
  }

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

  async function signIn(form: { sub: string; role: string; region: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(console_.url);
    await page.locator('#sub').fill(form.sub);
    await page.locator('#role').selectOption(form.role);
    await page.locator('#region').selectOption(form.region);
    await page.locator('form button[type="submit"]').click();
    await page.locator('header.top').waitFor();
    return page;
  }

  /** What `selector` shows in Kazakh and in Russian; leaves the page in Kazakh. */
  async function textIn(page: Page, selector: string): Promise<Record<Lang, string>> {
    const shown = { kk: '', ru: '' };
    for (const lang of ['ru', 'kk'] as const) {
      await switchLanguage(page, lang);
      shown[lang] = (await page.locator(selector).first().textContent()) ?? '';
    }
    return shown;
  }

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.evaluate((to) => {
      location.hash = `#/${to}`;
    }, path);
    await page.locator(ready).first().waitFor();
  }

  async function registerCase(urgency: string) {
    const registered = await api(registrar, 'POST', '/cases', {
      region: almaty,
      district,
      category: 'neighbourhood',
      urgency,
      riskFlags: [],
      parties: [
        { kind: 'individual', role: 'claimant', language: 'kk', name: 'Әсел Нұрова' },
        { kind: 'individual', role: 'respondent', language: 'ru', name: 'Иван Орлов' },
      ],
    });
    const caseId = String(registered.caseId);
    await api(registrar, 'POST', `/cases/${caseId}/screen`, {});
    return { caseId, parties: registered.parties as { partyId: string }[] };
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

  it('a coordinator registers a partner through the form, filters the directory by kind and edits a card whose contact person they see', async () => {
    await api(coordinatorClaims, 'POST', '/partners', {
      kind: 'council_of_elders',
      names: { kk: 'Қонаев қаласының ақсақалдар кеңесі', ru: 'Совет старейшин города Конаев' },
      region: almaty,
    });
    const association = await api(coordinatorClaims, 'POST', '/partners', {
      kind: 'ethnocultural_association',
      names: { kk: 'Ұйғыр этномәдени орталығы', ru: 'Уйгурский этнокультурный центр' },
      region: almaty,
      communities: ['uyghur'],
      contactPerson: { name: 'Рахима Турсунова', position: 'төраға', phone: '+7 701 555 12 34' },
    });

    const page = await signIn({ sub: coordinatorClaims.sub, role: 'coordinator', region: 'KZ' });
    await open(page, 'partners', '#partners-title');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await page.locator('#partner-name-kk').fill('Алматы облысының Достық үйі');
    await page.locator('#partner-name-ru').fill('Дом дружбы Алматинской области');
    await page.locator('#partner-kind').selectOption('house_of_friendship');
    await page.locator('#partner-region').selectOption(almaty);
    await page.locator('#new-partner-title ~ .actions-row button[type="submit"]').click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await capture(page, 'partners', 'tbody tr');

    await page.locator('#partners-kind').selectOption('house_of_friendship');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain('Алматы облысының Достық үйі');

    // The association's card: its community from the reference list and its contact person.
    await open(page, `partners/${String(association.partnerId)}`, '#partner-edit-title');
    expect(await page.locator('#edit-partner-contact-name').inputValue()).toBe('Рахима Турсунова');
    expect(await page.locator('#edit-partner-community-uyghur').isChecked()).toBe(true);
    await page.locator('#edit-partner-community-dungan').check();
    await page.locator('#partner-edit-title ~ .actions-row button[type="submit"]').click();
    await page.locator('#partner-title ~ form .notice-success').waitFor();
    const edited = await api(coordinatorClaims, 'GET', `/partners/${String(association.partnerId)}`);
    expect([...(edited.communities as string[])].sort()).toEqual(['dungan', 'uyghur']);
    expect((edited.contactPerson as { name: string }).name).toBe('Рахима Турсунова');
  }, 90_000);

  it('a mediator sees the volunteer rules at assignment and refers a case to a partner of its region picked by name, named on the case page', async () => {
    // A volunteer comes from the youth or student assemblies: mediator-training checks the kind.
    const youth = await api(coordinatorClaims, 'POST', '/partners', {
      kind: 'youth_assembly',
      names: { kk: 'Алматы облысының жастар ассамблеясы', ru: 'Молодёжная ассамблея Алматинской области' },
      region: almaty,
    });
    await api(coordinatorClaims, 'POST', '/mediators', {
      userId: 'partners-volunteer',
      name: 'Арман Бекұлы',
      homeRegion: almaty,
      languages: ['kk', 'ru'],
      kind: 'volunteer',
      partnerId: youth.partnerId,
    });
    const { caseId, parties } = await registerCase('high');
    for (const party of parties)
      await api(registrar, 'POST', `/cases/${caseId}/record-consent`, {
        partyId: party.partyId,
        consented: true,
      });
    // case-intake learns of the volunteer and the partners from mediator-training's events: a
    // referral of a probe case goes through once the directory's partners are known.
    await waitFor(
      async () => {
        const offer = await api(registrar, 'GET', `/cases/${caseId}/eligible-mediators`);
        expect(offer.notOffered).toEqual([
          expect.objectContaining({ reasons: expect.arrayContaining(['volunteer_urgency']) }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const houses = await api(registrar, 'GET', `/partners?kind=house_of_friendship&region=${almaty}`);
    const house = (houses.items as { partnerId: string }[])[0]?.partnerId ?? '';
    const probe = await registerCase('low');
    await waitFor(
      () =>
        api(registrar, 'POST', `/cases/${probe.caseId}/refer-out`, {
          reason: 'other_competence',
          referredTo: 'partner',
          partnerId: house,
        }),
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const mediator = await signIn({ sub: registrar.sub, role: 'mediator', region: almaty });
    await open(mediator, `cases/${caseId}`, '#case-title');
    await mediator.locator('[data-command="assign"]').click();
    await mediator.locator('#volunteer-rules').waitFor();
    expect(await mediator.locator('.not-offered li').textContent()).toContain(
      'ерікті медиатор тек төмен және орташа шұғылдықтағы істерді алады',
    );
    await capture(mediator, 'case-assign-volunteer', '#volunteer-rules');

    // Referral is decided at screening, before consent: a case only screened.
    const referable = await registerCase('medium');
    await open(mediator, `cases/${referable.caseId}`, '#case-title');
    await mediator.locator('[data-command="refer-out"]').click();
    await mediator.locator('#command-target').selectOption('partner');
    const picker = mediator.locator('#command-partner');
    await picker.waitFor();
    await expect.poll(() => picker.locator('option').count()).toBe(5);
    expect(await picker.textContent()).toContain('Алматы облысының Достық үйі (достық үйі)');
    await picker.selectOption(house);
    await capture(mediator, 'case-refer-partner', '#command-partner');
    await mediator.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(async () => (await api(registrar, 'GET', `/cases/${referable.caseId}`)).status, {
        timeout: 20_000,
      })
      .toBe('referred_out');
    // The case page names the partner the case went to, by name and kind, never by id.
    await mediator.locator('#referral-partner', { hasText: 'Достық үйі' }).waitFor();
    await capture(mediator, 'case-referral-partner', '#referral-partner');
    const referral = await textIn(mediator, '#referral-partner');
    expect(referral.kk).toContain('Серіктес ұйымға жіберілді: Алматы облысының Достық үйі (достық үйі)');
    expect(referral.ru).toContain(
      'Передано организации-партнёру: Дом дружбы Алматинской области (дом дружбы)',
    );
    expect(referral.kk).not.toContain(house);
  }, 120_000);

  it('a volunteer is assigned with a certified supervisor picked beside them, and a session names its venue and the partners who took part', async () => {
    const certified = await api(coordinatorClaims, 'POST', '/mediators', {
      userId: 'partners-certified',
      name: 'Дана Оспанова',
      homeRegion: almaty,
      languages: ['kk', 'ru'],
    });
    const course = await api(coordinatorClaims, 'POST', '/courses', {
      title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
      modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
      requiredHours: 8,
      passMark: 60,
      validityMonths: 12,
    });
    const enrolment = await api(coordinatorClaims, 'POST', '/enrolments', {
      mediatorId: certified.mediatorId,
      courseId: course.courseId,
    });
    const enrolmentPath = `/enrolments/${String(enrolment.enrolmentId)}`;
    await api(coordinatorClaims, 'POST', `${enrolmentPath}/attendance`, { moduleId: 'm1', hours: 8 });
    await api(coordinatorClaims, 'POST', `${enrolmentPath}/assessment`, { score: 82 });
    const { caseId, parties } = await registerCase('medium');
    for (const party of parties)
      await api(registrar, 'POST', `/cases/${caseId}/record-consent`, {
        partyId: party.partyId,
        consented: true,
      });
    await waitFor(
      async () => {
        const offer = await api(registrar, 'GET', `/cases/${caseId}/eligible-mediators`);
        expect(offer.eligible).toHaveLength(2);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const partners = await api(registrar, 'GET', `/partners?region=${almaty}`);
    const idOf = (kind: string) =>
      (partners.items as { partnerId: string; kind: string }[]).find((p) => p.kind === kind)?.partnerId ?? '';

    const mediator = await signIn({ sub: registrar.sub, role: 'mediator', region: almaty });
    await open(mediator, `cases/${caseId}`, '#case-title');
    await mediator.locator('[data-command="assign"]').click();
    const picker = mediator.locator('#command-mediator');
    await picker.waitFor();
    const volunteer = await picker.locator('option', { hasText: 'Арман Бекұлы' }).getAttribute('value');
    await picker.selectOption(volunteer ?? '');
    const supervisor = mediator.locator('#command-supervisor');
    await expect.poll(() => supervisor.locator('option').allTextContents()).toEqual(['Дана Оспанова']);
    await capture(mediator, 'case-assign-supervisor', '#command-supervisor');
    await mediator.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(async () => (await api(registrar, 'GET', `/cases/${caseId}`)).status, { timeout: 20_000 })
      .toBe('assigned');

    await mediator.locator('[data-command="record-session"]').click();
    await mediator.locator('#command-venue').selectOption(idOf('house_of_friendship'));
    await mediator.locator('#participant-add').click();
    await mediator.locator('#participant-0').selectOption(idOf('council_of_elders'));
    await mediator.locator('#participant-0-count').fill('2');
    await capture(mediator, 'case-session-partners', '#participant-0');
    await mediator.locator('.command-form button[type="submit"]').click();
    await expect
      .poll(async () => (await api(registrar, 'GET', `/cases/${caseId}`)).status, { timeout: 20_000 })
      .toBe('in_mediation');
    const history = JSON.stringify(await api(registrar, 'GET', `/cases/${caseId}/history`));
    expect(history).toContain(idOf('house_of_friendship'));
    expect(history).toContain(idOf('council_of_elders'));
    // The case page shows the session's venue by name and kind, and the partners' members counted.
    const session = mediator.locator('.session', { hasText: 'Қонаев' });
    await session.waitFor();
    await capture(mediator, 'case-session-venue', '.session');
    const shown = await textIn(mediator, '.session');
    expect(shown.kk).toContain('Өткізілетін орны: Алматы облысының Достық үйі (достық үйі)');
    expect(shown.kk).toContain('Қонаев қаласының ақсақалдар кеңесі: 2 адам');
    expect(shown.ru).toContain('Место проведения: Дом дружбы Алматинской области (дом дружбы)');
    expect(shown.ru).toContain('Совет старейшин города Конаев: 2 чел.');
    expect(shown.ru).not.toContain(idOf('council_of_elders'));
  }, 120_000);

  it('a supervisor submitting a visit ticks the partners met, sees them named on the visit, and gives a recommendation an owner partner named in the list', async () => {
    const lead = { sub: 'partners-supervisor', roles: ['supervisor' as const], regions: [almaty] };
    const partners = await api(lead, 'GET', `/partners?region=${almaty}&kind=council_of_elders`);
    const elders = (partners.items as { partnerId: string }[])[0]?.partnerId ?? '';
    const supervisor = await signIn({ sub: lead.sub, role: 'supervisor', region: almaty });
    await open(supervisor, 'visits', '#visits-title');
    await supervisor.locator('details.card summary').click();
    await supervisor.locator('details.card form button[type="submit"]').click();
    await supervisor.locator('.cards a').first().click();
    await supervisor.locator('#visit-title').waitFor();
    await supervisor.locator('article > button.primary').click();
    await supervisor.locator(`#met-${elders}`).check();
    await capture(supervisor, 'visit-partners-met', `#met-${elders}`);
    await supervisor.locator('form[aria-labelledby="submit-title"] button[type="submit"]').click();
    await supervisor.locator('#issue-title').waitFor();
    const visitId = /#\/visits\/([^?]+)/.exec(supervisor.url())?.[1] ?? '';
    const visit = await api(lead, 'GET', `/visits/${visitId}`);
    expect(visit.partnersMet).toEqual([elders]);
    await supervisor.locator('#partners-met .partner-name', { hasText: 'Қонаев' }).waitFor();
    await capture(supervisor, 'visit-partners-met-shown', '#partners-met');
    const met = await textIn(supervisor, '#partners-met');
    expect(met.kk).toBe('Қонаев қаласының ақсақалдар кеңесі (ақсақалдар кеңесі)');
    expect(met.ru).toBe('Совет старейшин города Конаев (совет старейшин)');

    // A recommendation owned by the region's group and, picked by name, by the council of elders.
    const ownerPicker = supervisor.locator('#rec-owner-partner');
    await expect.poll(() => ownerPicker.locator('option').count()).toBeGreaterThan(1);
    await ownerPicker.selectOption(elders);
    await supervisor.locator('#rec-text').fill('Ақсақалдар кеңесімен татуласу кешін өткізу');
    await capture(supervisor, 'recommendation-owner-partner', '#rec-owner-partner');
    await supervisor.locator('form[aria-labelledby="issue-title"] button[type="submit"]').click();
    await expect
      .poll(async () => {
        const list = await api(lead, 'GET', `/recommendations?visitId=${visitId}`);
        return (list.items as { ownerPartnerId: string | null }[]).map((item) => item.ownerPartnerId);
      })
      .toEqual([elders]);
    await open(supervisor, 'recommendations', '#recommendations-title');
    const owned = supervisor.locator('.cards li', { hasText: 'Ақсақалдар кеңесімен татуласу' });
    await owned.locator('.partner-name', { hasText: 'Қонаев' }).waitFor();
    await capture(supervisor, 'recommendations-owner-partner', '.cards .partner-name');
    const ownedShown = await textIn(supervisor, '.cards li:has(.partner-name)');
    expect(ownedShown.kk).toContain(
      'Жауапты серіктес ұйым: Қонаев қаласының ақсақалдар кеңесі (ақсақалдар кеңесі)',
    );
    expect(ownedShown.ru).toContain(
      'Ответственная организация-партнёр: Совет старейшин города Конаев (совет старейшин)',
    );

    // The region's statistics count the network's work too, small counts hidden (docs/adr/0011):
    // the volunteer's case and the session at the House of Friendship are each fewer than five.
    await open(supervisor, `risk/${almaty}`, '#region-statistics-title');
    const byMediatorKind = supervisor.locator('table', { hasText: 'Медиатор түрі бойынша істер' });
    await byMediatorKind.locator('tr', { hasText: 'Ерікті медиатор' }).waitFor();
    await supervisor
      .locator('table', { hasText: 'үй-жайындағы сессиялар' })
      .locator('tr', { hasText: 'Достық үйі' })
      .waitFor();
    await capture(supervisor, 'region-partner-statistics', '#region-statistics-title');
    const statistics = await textIn(supervisor, 'section[aria-labelledby="region-statistics-title"]');
    expect(statistics.kk).toContain('Ерікті медиатор5-ден аз');
    expect(statistics.kk).toContain(
      'Серіктестердің үй-жайындағы сессиялар, ұйым түрі бойыншаДостық үйі5-ден аз',
    );
    expect(statistics.ru).toContain('Медиатор-волонтёрменьше 5');
    expect(statistics.ru).toContain('Сессии в помещениях партнёров, по виду организацииДом дружбыменьше 5');
    expect(violations).toEqual([]);
  }, 120_000);
});

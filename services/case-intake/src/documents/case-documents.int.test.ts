// The case's printable documents through HTTP against the real broker and FerretDB, read back as a
// person's tools read them: pdftotext gives the Kazakh and Russian text intact, pdftoppm renders it.
import { dayOf } from '@kelisim/contracts/calendar';
import { pdfPages, pdfText } from '@kelisim/service-kit/testing/pdf-readback';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseRequests,
  mediatorUser,
  newCase,
  region,
  seedQualifiedMediator,
} from '../routes/case-requests.test-support.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

let service: ServiceUnderTest;
let requests: ReturnType<typeof caseRequests>;
let agreed: { caseId: string; caseNumber: string };
let open: { caseId: string };
const claimant = 'Әсел Ғабитқызы Қоңырова';
const respondent = 'Һәкім Өмірұлы Үсенов';
const terms =
  'Тараптар ортақ ауланы жұмыс күндері бірге пайдалануға келісті; ұйғарым бұзылса, іс қайта қаралады.';
const group = { sub: 'u-docs-group', roles: ['group_member' as const], regions: [region] };
const supervisor = { sub: 'u-docs-sup', roles: ['supervisor' as const], regions: [region] };

beforeAll(async () => {
  service = await startServiceUnderTest('case-documents');
  requests = caseRequests(service, []);
  await seedQualifiedMediator(service);
  const parties = [
    { kind: 'individual', role: 'claimant', language: 'kk', name: claimant },
    { kind: 'individual', role: 'respondent', language: 'ru', name: respondent },
  ];
  const registered = await requests.register(newCase({ parties }));
  const { caseId } = registered;
  await requests.run(caseId, 'screen');
  for (const party of registered.parties as Array<{ partyId: string }>) {
    await requests.run(caseId, 'record-consent', { partyId: party.partyId, consented: true });
  }
  await requests.run(caseId, 'assign', { mediatorId: 'med-1' });
  const day = dayOf(service.clock.now);
  await requests.run(caseId, 'record-session', { kind: 'joint', heldOn: day, durationMinutes: 75 });
  await requests.run(caseId, 'record-outcome', { outcome: 'agreement', agreement: terms });
  agreed = { caseId, caseNumber: registered.caseNumber };
  open = await requests.register(newCase({ parties }));
});
afterAll(async () => service?.close());

async function pdf(url: string, claims: object = mediatorUser): Promise<Buffer> {
  const response = await service.app.inject({
    method: 'GET',
    url,
    headers: await service.auth.headers(claims as never),
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return response.rawPayload;
}

/** pdftotext -layout may break a long line where the PDF wrapped it: compare with spaces squeezed. */
const squeezed = (text: string) => text.replace(/\s+/g, ' ');

describe('the written agreement', () => {
  it('in Kazakh: case number, date, both parties, the mediator and the terms come back intact', async () => {
    const text = squeezed(await pdfText(await pdf(`/cases/${agreed.caseId}/documents/agreement?lang=kk`)));
    expect(text).toContain('Медиативтік келісім');
    expect(text).toContain(`Іс нөмірі: ${agreed.caseNumber}`);
    expect(text).toContain(claimant);
    expect(text).toContain(respondent);
    // mediator-training does not answer here: a line for the mediator's name, never their id.
    expect(text).toMatch(/Медиатор: _{10,}/);
    expect(text).not.toContain('med-1');
    expect(text).toContain(squeezed(terms));
    expect(text).toContain('Тараптардың қолдары');
    expect(text).toContain('Облыс: Алматы (қала)');
  });

  it('in Russian, rendered to a page image by pdftoppm', async () => {
    const file = await pdf(`/cases/${agreed.caseId}/documents/agreement?lang=ru`, group);
    const text = squeezed(await pdfText(file));
    expect(text).toContain('Медиативное соглашение');
    expect(text).toContain(`Номер дела: ${agreed.caseNumber}`);
    expect(text).toContain('Подписи сторон');
    expect(text).toContain(claimant);
    const pages = await pdfPages(file);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('is printed only by who may see the names, and only once there is one; each print is audited', async () => {
    const refused = await service.call('GET', `/cases/${agreed.caseId}/documents/agreement`, {
      claims: supervisor,
    });
    expect(refused.statusCode).toBe(403);
    const none = await service.call('GET', `/cases/${open.caseId}/documents/agreement`, {
      claims: mediatorUser,
    });
    expect(none.statusCode).toBe(409);
    const outside = await service.call('GET', `/cases/${agreed.caseId}/documents/agreement`, {
      claims: { sub: 'u-far', roles: ['group_member'], regions: ['710000000'] },
    });
    expect(outside.statusCode).toBe(404);
    const admin = { sub: 'u-admin', roles: ['admin' as const], regions: ['KZ'] };
    const trail = await service.call('GET', `/audit?caseId=${agreed.caseId}&user=${group.sub}`, {
      claims: admin,
    });
    expect(trail.json().items).toContainEqual(
      expect.objectContaining({ action: 'print:agreement', fields: ['parties.name', 'outcome.agreement'] }),
    );
  });
});

describe('the case summary', () => {
  it('shows the case in Kazakh, with names for the case’s mediator and without them for a supervisor', async () => {
    const mine = squeezed(await pdfText(await pdf(`/cases/${agreed.caseId}/documents/summary?lang=kk`)));
    expect(mine).toContain('Іс бойынша анықтама');
    expect(mine).toContain('келісімге қол жеткізілді');
    expect(mine).toContain('бірлескен кездесу');
    expect(mine).toContain(claimant);
    const theirs = squeezed(
      await pdfText(await pdf(`/cases/${agreed.caseId}/documents/summary?lang=ru`, supervisor)),
    );
    expect(theirs).toContain('Справка по делу');
    expect(theirs).toContain('имя не показывается');
    expect(theirs).toContain('Медиатор: (имя не получено)');
    expect(theirs).not.toContain('med-1');
    expect(theirs).not.toContain(claimant);
  });
});

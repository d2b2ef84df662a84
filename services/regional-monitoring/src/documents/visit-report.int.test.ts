// A visit's printed report through HTTP against the real broker and FerretDB, read back by
// pdftotext (Kazakh and Russian text intact) and pdftoppm (it renders).
import { pdfPages, pdfText } from '@kelisim/service-kit/testing/pdf-readback';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const note = 'Базар маңында екі төбелес болды; жастар арасында қауесет тарады.';
const assessment = 'Жағдай шиеленісті, бірақ бәсеңдеп келеді: әкімдік пен ақсақалдар кеңесі үнқатысуда.';
const recommendationText = 'Ақсақалдар кеңесімен бірлескен кездесу өткізу, ұйғарымды жариялау.';

let h: ServiceUnderTest;
let visitId: string;
let supervisor: Record<string, string>;

async function post(url: string, headers: Record<string, string>, payload: object) {
  const response = await h.app.inject({ method: 'POST', url, headers, payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  h = await startServiceUnderTest('rm-visit-report');
  supervisor = await h.auth.headers({ sub: 'sup-lead', roles: ['supervisor'], regions: [almaty] });
  const reviewer = await h.auth.headers({ sub: 'sup-review', roles: ['supervisor'], regions: [almaty] });
  const member = await h.auth.headers({ sub: 'member-1', roles: ['group_member'], regions: [almaty] });
  visitId = (
    await post('/visits', supervisor, {
      region: almaty,
      districts: [almaly],
      plannedFrom: '2030-05-12',
      plannedTo: '2030-05-14',
      team: ['member-1'],
    })
  ).id;
  await post(`/visits/${visitId}/start`, member, {});
  await post(`/visits/${visitId}/submit`, member, {
    visitedFrom: '2030-05-12',
    visitedTo: '2030-05-13',
    findings: [
      { indicator: 'incidents_reported', score: 3, note },
      { indicator: 'trust_in_local_mediation', score: 1 },
    ],
    overallAssessment: assessment,
  });
  await post(`/visits/${visitId}/review`, reviewer, { decision: 'approved' });
  await post(`/visits/${visitId}/recommendations`, reviewer, {
    ownerGroupId: 'grp-75',
    dueDate: '2030-06-01',
    priority: 'high',
    district: almaly,
    indicator: 'incidents_reported',
    text: recommendationText,
  });
});
afterAll(async () => h?.close());

async function report(lang: 'kk' | 'ru', headers = supervisor): Promise<Buffer> {
  const response = await h.app.inject({
    method: 'GET',
    url: `/visits/${visitId}/report?lang=${lang}`,
    headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return response.rawPayload;
}

const squeezed = (text: string) => text.replace(/\s+/g, ' ');

describe('a visit’s printed report', () => {
  it('in Kazakh: findings per indicator in the scale’s words, the assessment and the recommendation intact', async () => {
    const text = squeezed(await pdfText(await report('kk')));
    expect(text).toContain('Мониторинг сапарының есебі');
    expect(text).toContain('Көрсеткіштер бойынша қорытындылар');
    // Table cells wrap, and pdftotext lays wrapped neighbours side by side: each cell's first words.
    expect(text).toContain('тіркелген оқиғалар');
    expect(text).toContain('3/4 · күшті');
    expect(text).toContain('Базар маңында');
    expect(text).toContain('1/4 · әлсіз');
    expect(text).toContain(squeezed(assessment));
    expect(text).toContain('Ұсынымдар');
    expect(text).toContain('Ақсақалдар кеңесімен бірлескен');
    expect(text).toContain('2030-06-01');
    expect(text).toContain('бекітілді');
  });

  it('in Russian, rendered to a page image', async () => {
    const file = await report('ru');
    const text = squeezed(await pdfText(file));
    expect(text).toContain('Отчёт о мониторинговом визите');
    expect(text).toContain('Выводы по индикаторам');
    expect(text).toContain('утверждён');
    const pages = await pdfPages(file);
    expect(pages[0]?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('is not printed outside the caller’s territory', async () => {
    const far = await h.auth.headers({ sub: 'sup-ast', roles: ['supervisor'], regions: ['710000000'] });
    const response = await h.app.inject({ method: 'GET', url: `/visits/${visitId}/report`, headers: far });
    expect(response.statusCode).toBe(404);
  });
});

import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RegisterColumn } from './register-columns.ts';
import { pagesOf } from './register-pages.ts';
import { writeCsv, writeXlsx } from './register-writers.ts';

type Row = { number: string; district: string; parties: number; note: string | null };
const rows: Row[] = Array.from({ length: 1234 }, (_, i) => ({
  number: `EM-2026-75-${String(i + 1).padStart(6, '0')}`,
  district: i % 2 === 0 ? 'Медеу ауданы' : 'Әуезов, "Алатау"',
  parties: (i % 5) + 2,
  note: i % 3 === 0 ? null : 'жол\nжаңа',
}));
const columns: RegisterColumn<Row>[] = [
  { header: 'caseNumber', value: (row) => row.number },
  { header: 'district', value: (row) => row.district },
  { header: 'partyCount', value: (row) => row.parties },
  { header: 'note', value: (row) => row.note },
];

/** The rows in pages of 100, read through a cursor as a list endpoint pages them. */
const pages = () =>
  pagesOf<Row>(async (cursor) => {
    const start = Number(cursor ?? 0);
    const next = start + 100;
    return { items: rows.slice(start, next), nextCursor: next < rows.length ? String(next) : null };
  });

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

describe('register writers', () => {
  it('an XLSX written page by page reads back, with a library, as the rows it was given', async () => {
    const file = await collect((out) => writeXlsx(out, 'cases', columns, pages()));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const sheet = workbook.getWorksheet('cases');
    expect(sheet?.rowCount).toBe(rows.length + 1);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'caseNumber', 'district', 'partyCount', 'note']);
    const read: Row[] = [];
    sheet?.eachRow((row, index) => {
      if (index === 1) return;
      const [, number, district, parties, note] = row.values as unknown[];
      read.push({
        number: number as string,
        district: district as string,
        parties: parties as number,
        note: (note as string | undefined) ?? null,
      });
    });
    expect(read).toEqual(rows);
  });

  it('a CSV has a header, one CRLF line per row, and quoted fields that hold line breaks', async () => {
    const text = (await collect((out) => writeCsv(out, columns, pages()))).toString('utf8');
    expect(text.startsWith('\uFEFFcaseNumber,district,partyCount,note\r\n')).toBe(true);
    expect(text).toContain('EM-2026-75-000001,Медеу ауданы,2,\r\n');
    expect(text).toContain('EM-2026-75-000002,"Әуезов, ""Алатау""",3,"жол\nжаңа"\r\n');
    expect(text.split('\r\n').length - 1).toBe(rows.length + 1);
  });

  it('an empty register is its header alone', async () => {
    const empty = pagesOf<Row>(async () => ({ items: [], nextCursor: null }));
    const text = (await collect((out) => writeCsv(out, columns, empty))).toString('utf8');
    expect(text).toBe('\uFEFFcaseNumber,district,partyCount,note\r\n');
  });

  /** 200,000 rows in pages of 500, counting the pages the writer asked for. */
  function countedPages() {
    const asked = { pages: 0 };
    async function* pages() {
      for (let page = 0; page < 400; page += 1) {
        asked.pages += 1;
        yield Array.from({ length: 500 }, (_, i) => {
          const n = page * 500 + i;
          return { number: `EM-2026-75-${n}`, district: 'Медеу ауданы', parties: n % 7, note: null };
        });
      }
    }
    return { asked, pages: pages() };
  }

  for (const format of ['csv', 'xlsx'] as const) {
    it(`while the client reads nothing, the ${format.toUpperCase()} writer stops asking for pages, and a client that goes away ends it`, async () => {
      const { asked, pages: register } = countedPages();
      const out = new PassThrough();
      const writing =
        format === 'csv' ? writeCsv(out, columns, register) : writeXlsx(out, 'cases', columns, register);
      const settled = writing.then(
        () => 'finished',
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // A few pages fill the buffers on the way; the rest wait for the client.
      expect(asked.pages).toBeLessThan(30);
      out.destroy();
      expect(await settled).toBe('the export stream closed');
    });
  }
});

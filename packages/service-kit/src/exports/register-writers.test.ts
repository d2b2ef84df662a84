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
});

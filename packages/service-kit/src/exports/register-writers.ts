// Writes a register as CSV or XLSX into a stream as its pages arrive, waiting for the stream to
// drain whenever it is full, so that memory holds a page and the writer's buffers, not the register.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, utf8Bom } from './csv.ts';
import { cellsOf, type RegisterColumn } from './register-columns.ts';

export type RegisterFormat = 'csv' | 'xlsx';

/** Resolves when the stream takes more; rejects when it closed (the client went away). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the export stream closed'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      out.off('drain', onDrain);
      reject(new Error('the export stream closed'));
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

export async function writeCsv<Row>(
  out: Writable,
  columns: readonly RegisterColumn<Row>[],
  pages: AsyncIterable<readonly Row[]>,
): Promise<void> {
  out.write(utf8Bom + csvLine(columns.map((column) => column.header)));
  for await (const page of pages) {
    out.write(page.map((row) => csvLine(cellsOf(columns, row))).join(''));
    await drained(out);
  }
  out.end();
}

/**
 * exceljs's streaming writer: each committed row goes to the zip stream at once; no shared strings
 * table (it would grow with the rows) and no styles beyond column widths.
 */
export async function writeXlsx<Row>(
  out: Writable,
  sheetName: string,
  columns: readonly RegisterColumn<Row>[],
  pages: AsyncIterable<readonly Row[]>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.header,
    width: column.width ?? Math.max(12, column.header.length + 2),
  }));
  for await (const page of pages) {
    for (const row of page) sheet.addRow(cellsOf(columns, row)).commit();
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
}

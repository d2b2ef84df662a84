// Writes a register as CSV or XLSX into a stream as its pages arrive, waiting for the stream to
// drain whenever it is full, so that memory holds a page and the writer's buffers, not the register.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, utf8Bom } from './csv.ts';
import { cellsOf, type RegisterColumn } from './register-columns.ts';

export type RegisterFormat = 'csv' | 'xlsx';

/**
 * Resolves when `stream` takes more; rejects when `out`, the download, closed first (the client
 * went away), so that a writer never waits for a reader who is gone.
 */
function drained(stream: Writable, out: Writable = stream): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the export stream closed'));
  if (!needsDrain(stream)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      stream.off('drain', onDrain);
      reject(new Error('the export stream closed'));
    };
    stream.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/**
 * Whether a write was refused for a full buffer and `drain` is to come. The zip's intake is a
 * readable-stream v2 PassThrough (archiver's), which predates `writableNeedDrain`.
 */
function needsDrain(stream: Writable): boolean {
  const legacy = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? legacy?.needDrain ?? false;
}

/** Resolves with `work`, or rejects when `out` closes before the whole file went into it. */
function unlessClosed<T>(work: Promise<T>, out: Writable): Promise<T> {
  let onClose = () => {};
  const cut = new Promise<never>((_, reject) => {
    onClose = () => {
      if (!out.writableFinished) reject(new Error('the export stream closed'));
    };
    if (out.destroyed) onClose();
    else out.once('close', onClose);
  });
  return Promise.race([work, cut]).finally(() => out.off('close', onClose));
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
 * table (it would grow with the rows) and no styles beyond column widths. Its sheet stream hands
 * rows to the zip without heeding `write()`'s answer: waiting for `out` alone, every row would pile
 * up in the zip's intake while a client reads slowly (memory growing with the register), so after
 * each page the writer waits for that intake to drain as well.
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
    for (const intake of zipIntakesOf(sheet)) await drained(intake, out);
    await drained(out);
  }
  sheet.commit();
  await unlessClosed(workbook.commit(), out);
}

/**
 * Where the sheet's rows go: the zip's intake for the sheet's entry once the zip has reached it
 * (none before, while it writes the workbook's first small parts). exceljs's StreamBuf keeps its
 * destinations in `pipes`.
 */
function zipIntakesOf(sheet: ExcelJS.Worksheet): readonly Writable[] {
  return (sheet as unknown as { stream: { pipes?: Writable[] } }).stream.pipes ?? [];
}

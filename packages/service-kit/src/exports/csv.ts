// CSV as RFC 4180 says: fields joined by commas, lines by CRLF, a field holding a comma, a quote
// or a line break quoted with its quotes doubled. A text that a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe
// (OWASP "CSV injection"): a register is opened in spreadsheets by people who trust it.
import type { Cell } from './register-columns.ts';

const needsQuotes = /[",\r\n]/;
const formulaStart = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel reads a CSV as UTF-8 (Kazakh and Russian letters intact) only when it starts with a BOM. */
export const utf8Bom = '\uFEFF';

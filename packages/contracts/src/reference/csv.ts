// A small RFC 4180 CSV reader: comma-separated, optional double quotes with "" as an escaped quote,
// CRLF or LF line ends. The reference files are plain, but a quoted name must not break them.

export interface CsvRow {
  /** 1-based line number of the row in the file, for error messages. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export function parseCsv(text: string): CsvRow[] {
  const records = splitRecords(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header) return [];
  const names = header.fields.map((name) => name.trim());
  return records
    .filter((record) => record.fields.some((field) => field !== ''))
    .map((record) => {
      if (record.fields.length !== names.length) {
        throw new Error(
          `line ${record.line}: expected ${names.length} fields, found ${record.fields.length}`,
        );
      }
      const values: Record<string, string> = {};
      names.forEach((name, i) => {
        values[name] = record.fields[i] ?? '';
      });
      return { line: record.line, values };
    });
}

function splitRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`line ${recordLine}: unterminated quoted field`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

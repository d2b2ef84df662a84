// Answers a request with a register as a download, streamed: the first page is read before the
// status is sent (so a failing store still answers a problem), the rest as the client reads.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RegisterColumn } from './register-columns.ts';
import { type RegisterFormat, writeCsv, writeXlsx } from './register-writers.ts';

export type Register<Row> = {
  format: RegisterFormat;
  /** The file's name without extension, also the sheet's name: `cases-2026-12-07`. */
  name: string;
  columns: readonly RegisterColumn<Row>[];
  pages: AsyncIterable<readonly Row[]>;
};

const contentTypes: Record<RegisterFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A register route's 200 answer for its OpenAPI document: a CSV file or an XLSX workbook. */
export const registerResponse = {
  description: 'The register as a CSV file or an XLSX workbook (the `format` asked for)',
  content: Object.fromEntries(
    Object.values(contentTypes).map((type) => [type.split(';')[0], { schema: z.string() }]),
  ),
};

/** The pages again, the first one already read. */
async function* startingWith<Row>(
  first: IteratorResult<readonly Row[]>,
  rest: AsyncIterator<readonly Row[]>,
): AsyncGenerator<readonly Row[]> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

export async function sendRegister<Row>(reply: FastifyReply, register: Register<Row>): Promise<FastifyReply> {
  const iterator = register.pages[Symbol.asyncIterator]();
  const pages = startingWith(await iterator.next(), iterator);
  const body = new PassThrough();
  const writing =
    register.format === 'csv'
      ? writeCsv(body, register.columns, pages)
      : writeXlsx(body, register.name.slice(0, 31), register.columns, pages);
  // A failure after the status was sent can only cut the download short: the client sees a
  // broken transfer, never a complete-looking file.
  writing.catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  return reply
    .type(contentTypes[register.format])
    .header('content-disposition', `attachment; filename="${register.name}.${register.format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

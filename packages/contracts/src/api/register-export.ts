import { z } from 'zod';
import { listQueryBaseSchema } from './list-query.ts';

/** A register (a list exported whole) as CSV or as an XLSX workbook. */
export const registerFormatSchema = z.enum(['csv', 'xlsx']);
export type RegisterFormat = z.output<typeof registerFormatSchema>;

/**
 * An export's query: the list's filters without its paging, plus the format. Services extend it
 * with the same filters their list adds, then refine with `hasOrderedDates`.
 */
export const exportQueryBaseSchema = listQueryBaseSchema
  .omit({ cursor: true, limit: true })
  .extend({ format: registerFormatSchema.default('csv') });

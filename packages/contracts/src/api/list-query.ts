import { z } from 'zod';
import { dateSchema } from '../fields.ts';
import { districtCodeSchema, regionCodeSchema } from '../reference/regions.ts';

// The query every list endpoint accepts. Services add their own filters with
// `listQueryBaseSchema.extend({...})` and then `.refine(hasOrderedDates, orderedDatesMessage)`.

export const defaultPageSize = 20;
export const maxPageSize = 100;

export const listQueryBaseSchema = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
  region: regionCodeSchema.optional(),
  district: districtCodeSchema.optional(),
  /** One status; its vocabulary belongs to the resource (case, visit, alert, ...). */
  status: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional(),
  /** Inclusive range of dates, `YYYY-MM-DD`, as days in Kazakhstan (an instant at 20:00 UTC is on the next day). */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

export function hasOrderedDates(query: { from?: string | undefined; to?: string | undefined }): boolean {
  return query.from === undefined || query.to === undefined || query.from <= query.to;
}

export const orderedDatesMessage = { message: '`from` must not be after `to`', path: ['from'] };

export const listQuerySchema = listQueryBaseSchema.refine(hasOrderedDates, orderedDatesMessage);

export type ListQuery = z.output<typeof listQuerySchema>;

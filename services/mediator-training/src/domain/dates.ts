// Calendar dates as `YYYY-MM-DD` strings in UTC: certificates are valid for whole days, and
// string order is date order, so the read models can compare them in MongoDB queries.

const dayMs = 86_400_000;

export function toDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function parse(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(date: string, days: number): string {
  return toDate(new Date(parse(date).getTime() + days * dayMs));
}

/** Calendar months; a day that does not exist in the target month falls back to its last day. */
export function addMonths(date: string, months: number): string {
  const start = parse(date);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return toDate(target);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / dayMs);
}

/**
 * The last valid day of a certificate that starts on `validFrom` and lasts `months`: validity is
 * inclusive, so three years from 2025-03-01 end on 2028-02-29, as the contracts' fixture shows.
 */
export function validUntilFor(validFrom: string, months: number): string {
  return addDays(addMonths(validFrom, months), -1);
}

// The users' day. Due dates, validity periods, follow-ups and every sweep count calendar days as
// the people using the platform live them: in Kazakhstan, which has kept one time zone, UTC+5,
// since 1 March 2024. The zone is named rather than written as an offset so that the runtime's
// time-zone data decides, and instants before the change fall on the day they fell on then.
// Days are `YYYY-MM-DD` strings: string order is date order, so stores compare them in queries.

export const usersTimeZone = 'Asia/Almaty';

const dayMs = 86_400_000;

// en-CA writes dates as YYYY-MM-DD; the parts are read by type all the same, not by position.
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: usersTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (`YYYY-MM-DD`) in Kazakhstan at `instant`: 19:30 UTC is already the next day. */
export function dayOf(instant: Date): string {
  const parts = Object.fromEntries(dayFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const wallClockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: usersTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * The instant a day begins in Kazakhstan: 2026-12-08 begins at 2026-12-07T19:00Z. For a filter on
 * stored instants by the users' days, `[startOfDay(from), startOfDay(addDays(to, 1)))`.
 */
export function startOfDay(day: string): Date {
  const utcMidnight = midnight(day);
  const parts = Object.fromEntries(
    wallClockFormat.formatToParts(new Date(utcMidnight)).map((part) => [part.type, part.value]),
  );
  // The zone's offset then: its wall clock at UTC midnight, read as if it were UTC, minus UTC.
  const wallClock = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return new Date(utcMidnight - (wallClock - utcMidnight));
}

/** The last millisecond of a day in Kazakhstan: an inclusive `to` on stored instants. */
export function endOfDay(day: string): Date {
  return new Date(startOfDay(addDays(day, 1)).getTime() - 1);
}

// Arithmetic on days works on midnight UTC of each: no zone, no daylight saving, whole days.
function midnight(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

function dayAt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayAt(midnight(day) + days * dayMs);
}

/** Calendar months; a day that does not exist in the target month falls back to its last day. */
export function addMonths(day: string, months: number): string {
  const start = new Date(midnight(day));
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return dayAt(target.getTime());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((midnight(to) - midnight(from)) / dayMs);
}

// What a decision needs from the outside world to write its events: time, fresh ids and the
// correlation of the request or message that caused it. Passed in, never read from globals.
import type { EnvelopeMeta } from '@kelisim/contracts/envelope';

export const eventSource = '/services/regional-monitoring';

export type EventContext = {
  readonly now: Date;
  readonly newId: () => string;
  readonly correlationId: string;
  readonly causationId?: string | null;
};

export function metaFor(ctx: EventContext, subject: string, region: string): EnvelopeMeta {
  return {
    id: ctx.newId(),
    source: eventSource,
    subject,
    time: ctx.now.toISOString(),
    correlationid: ctx.correlationId,
    causationid: ctx.causationId ?? null,
    region,
  };
}

// Kazakhstan keeps one time zone, UTC+5, since 2024-03-01: a due date "passes" at its midnight.
const kazakhstanOffsetMs = 5 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Kazakhstan at `instant`. */
export function kazakhstanDate(instant: Date): string {
  return new Date(instant.getTime() + kazakhstanOffsetMs).toISOString().slice(0, 10);
}

/** Whole days from date `from` to date `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

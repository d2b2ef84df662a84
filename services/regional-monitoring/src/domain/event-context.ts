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

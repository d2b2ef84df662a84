// What every command decides: the next state and the events it causes, built from what the caller
// passes in (clock, ids, who and why), so that the domain stays pure and tests choose the time.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, type EventType } from '@kelisim/contracts/events/catalogue';
import { toDate } from './dates.ts';

export const eventSource = '/services/mediator-training';

export type CommandContext = {
  readonly now: Date;
  /** A new id for an entity or event (UUIDv7 in production). */
  readonly newId: () => string;
  /** The request or flow the command belongs to; becomes the events' correlation id. */
  readonly correlationId: string;
  /** The event that caused the command, when one did (a consumed event, a sweep). */
  readonly causationId?: string | null;
  /** The caller's user id (token `sub`), or the job's name. */
  readonly actor: string;
};

export type Decision<S> = { readonly state: S; readonly events: EventEnvelope[] };

export function today(ctx: CommandContext): string {
  return toDate(ctx.now);
}

/** An event of this service: subject is the aggregate id, region the mediator's home region. */
export function eventOf<T extends EventType>(
  type: T,
  data: EventData<T>,
  target: { subject: string; region: string },
  ctx: CommandContext,
): EventEnvelope {
  return buildEvent(type, data, {
    id: ctx.newId(),
    source: eventSource,
    subject: target.subject,
    time: ctx.now.toISOString(),
    correlationid: ctx.correlationId,
    causationid: ctx.causationId ?? null,
    region: target.region,
  });
}

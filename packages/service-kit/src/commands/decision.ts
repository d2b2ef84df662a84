// What every domain decision is made of, in every service: the caller passes in the time, fresh
// ids and the request or message it belongs to (so that the domain stays pure and tests choose the
// time), and a decision answers the next state with the events it causes. No I/O here: domains
// import this module.
import type { EnvelopeMeta, EventEnvelope } from '@kelisim/contracts/envelope';
import {
  buildEvent,
  type EventData,
  type EventOf,
  type EventType,
} from '@kelisim/contracts/events/catalogue';

export type DecisionContext = {
  readonly now: Date;
  /** A new id for an entity or event (UUIDv7 in production). */
  readonly newId: () => string;
  /** The request or flow the decision belongs to; becomes its events' correlation id. */
  readonly correlationId: string;
  /** The event that caused the decision, when one did (a consumed event, a sweep). */
  readonly causationId?: string | null;
  /** The caller's user id (token `sub`), or the job's name. */
  readonly actor: string;
};

export type Decision<S> = { readonly state: S; readonly events: EventEnvelope[] };

/** The envelope fields of an event a service emits about `subject` in `region`. */
export function envelopeMeta(
  source: string,
  ctx: DecisionContext,
  target: { subject: string; region: string },
): EnvelopeMeta {
  return {
    id: ctx.newId(),
    source,
    subject: target.subject,
    time: ctx.now.toISOString(),
    correlationid: ctx.correlationId,
    causationid: ctx.causationId ?? null,
    region: target.region,
  };
}

/** A service's event builder: `const eventOf = eventBuilder('/services/case-intake')`. */
export function eventBuilder(source: string) {
  return <T extends EventType>(
    type: T,
    data: EventData<T>,
    target: { subject: string; region: string },
    ctx: DecisionContext,
  ): EventOf<T> => buildEvent(type, data, envelopeMeta(source, ctx, target));
}

import type { z } from 'zod';
import { type EnvelopeMeta, type EventEnvelope, eventEnvelopeSchema } from '../envelope.ts';
import type { EventFamily } from '../topics.ts';
import { alertEvents } from './alerts.ts';
import { caseEvents } from './cases.ts';
import { mediatorEvents } from './mediators.ts';
import { monitoringEvents } from './monitoring.ts';
import { partnerEvents } from './partners.ts';

// Every event type Kelisim publishes, with its family (topic) and the schema of its `data`.
// Consumers call `parseEnvelope` once, at the edge (the Kafka message), and trust the result.

const families = {
  cases: caseEvents,
  // The partner directory lives in mediator-training, so its events share that service's topic.
  mediators: { ...mediatorEvents, ...partnerEvents },
  monitoring: monitoringEvents,
  alerts: alertEvents,
} as const satisfies Record<EventFamily, Record<string, z.ZodType>>;

type DataSchemas = typeof caseEvents &
  typeof mediatorEvents &
  typeof partnerEvents &
  typeof monitoringEvents &
  typeof alertEvents;

export type EventType = keyof DataSchemas;
export type EventData<T extends EventType> = z.output<DataSchemas[T]>;

/** A validated event of type `T`. */
export type EventOf<T extends EventType> = EventEnvelope<EventData<T>> & { type: T };

/** Any validated event; `switch (event.type)` narrows `data`. */
export type KnownEvent = { [T in EventType]: EventOf<T> }[EventType];

/** The events of one family, e.g. `FamilyEvent<'cases'>` for a consumer of the cases topic. */
export type FamilyEvent<F extends EventFamily> = Extract<
  KnownEvent,
  { type: keyof (typeof families)[F] & EventType }
>;

interface CatalogueEntry {
  readonly family: EventFamily;
  readonly data: z.ZodType;
}

function buildCatalogue(): ReadonlyMap<string, CatalogueEntry> {
  const entries = new Map<string, CatalogueEntry>();
  for (const [family, schemas] of Object.entries(families) as [EventFamily, Record<string, z.ZodType>][]) {
    for (const [type, data] of Object.entries(schemas)) {
      if (entries.has(type)) throw new Error(`event type ${type} is in two families`);
      entries.set(type, { family, data });
    }
  }
  return entries;
}

const catalogue = buildCatalogue();

/** Every event type in the catalogue. */
export const eventTypes: readonly EventType[] = [...catalogue.keys()] as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return catalogue.has(type);
}

/** The family (and so the topic) of an event type; undefined for a type the catalogue lacks. */
export function eventFamilyOf(type: string): EventFamily | undefined {
  return catalogue.get(type)?.family;
}

/** The schema of an event type's `data`. */
export function eventDataSchema<T extends EventType>(type: T): DataSchemas[T] {
  return catalogue.get(type)!.data as DataSchemas[T];
}

export type ParseFailureReason =
  /** Not a CloudEvents envelope as Kelisim writes it (missing region, bad id, ...). */
  | 'invalid_envelope'
  /** A well-formed envelope of a type this catalogue does not know (yet). */
  | 'unknown_type'
  /** A known type on the topic of another family. */
  | 'wrong_family'
  /** A known type whose `data` does not match its schema. */
  | 'invalid_payload';

export interface ParseIssue {
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly event: KnownEvent; readonly family: EventFamily }
  | {
      readonly ok: false;
      readonly reason: ParseFailureReason;
      /** The envelope's type when it could be read, for the dead-letter headers. */
      readonly type: string | null;
      readonly message: string;
      readonly issues: readonly ParseIssue[];
    };

function issuesOf(error: z.ZodError, prefix: string): ParseIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function failure(
  reason: ParseFailureReason,
  type: string | null,
  message: string,
  issues: ParseIssue[] = [],
): ParseResult {
  return { ok: false, reason, type, message, issues };
}

/**
 * Validates an event (the parsed JSON of a Kafka message value): the envelope, then its type
 * against the catalogue (and the expected family, when given), then `data` against the type's
 * schema. Unknown keys in `data` are dropped, so that a consumer on an older contract reads events
 * that gained fields.
 */
export function parseEnvelope(raw: unknown, options: { family?: EventFamily } = {}): ParseResult {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : null;
    return failure(
      'invalid_envelope',
      typeof type === 'string' ? type : null,
      'not a valid event envelope',
      issuesOf(envelope.error, ''),
    );
  }
  const { type } = envelope.data;
  const entry = catalogue.get(type);
  if (!entry) return failure('unknown_type', type, `unknown event type ${type}`);
  if (options.family && entry.family !== options.family) {
    return failure('wrong_family', type, `${type} belongs to ${entry.family}, not ${options.family}`);
  }
  const data = entry.data.safeParse(envelope.data.data);
  if (!data.success) {
    return failure('invalid_payload', type, `invalid data for ${type}`, issuesOf(data.error, 'data'));
  }
  return { ok: true, family: entry.family, event: { ...envelope.data, data: data.data } as KnownEvent };
}

/**
 * Builds an event for the outbox. It does not validate: the types hold the producer to the
 * contract, and the consumer validates at its edge. Ids and time come from the caller.
 */
export function buildEvent<T extends EventType>(type: T, data: EventData<T>, meta: EnvelopeMeta): EventOf<T> {
  return { specversion: '1.0', ...meta, type, data } as EventOf<T>;
}

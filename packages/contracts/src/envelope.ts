import { z } from 'zod';
import { dateTimeSchema, katoCodeSchema } from './fields.ts';
import { uuidV7Generator, uuidV7Schema } from './uuid-v7.ts';

// The event envelope: CloudEvents 1.0 attributes (https://github.com/cloudevents/spec, structured
// JSON mode) plus Kelisim's extensions `correlationid`, `causationid` and `region`. CloudEvents
// extension names are lower-case alphanumerics only, hence no camelCase.

/** `<aggregate>.<fact>.v<N>`, kebab-case words: `case.registered.v1`, `case.referred-out.v1`. */
export const eventTypeSchema = z
  .string()
  .regex(
    /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$/,
    'expected <aggregate>.<fact>.v<N>, e.g. case.registered.v1',
  );

const envelopeShape = {
  specversion: z.literal('1.0'),
  /** UUIDv7: unique per event; consumers deduplicate on it. */
  id: uuidV7Schema,
  type: eventTypeSchema,
  /** The producing service, a URI reference: `/services/case-intake`. */
  source: z.string().min(1).max(200),
  /** The aggregate id; also the Kafka message key. */
  subject: z.string().min(1).max(200),
  /** When the fact happened. */
  time: dateTimeSchema,
  /** The request or flow the event belongs to, carried from event to event. */
  correlationid: z.string().min(1).max(200),
  /** The id of the event (or request) that caused this one; absent or null for a first cause. */
  causationid: z.string().min(1).max(200).nullable().optional(),
  /** KATO code of the region the fact concerns; consumers scope and route by it. */
  region: katoCodeSchema,
  datacontenttype: z.literal('application/json').optional(),
};

/** An envelope whose `data` is validated by `data`. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ ...envelopeShape, data });
}

/** Any well-formed envelope; `data` is present but not yet validated. */
export const eventEnvelopeSchema = envelopeSchema(z.unknown());

export type EventEnvelope<T = unknown> = Omit<z.output<typeof eventEnvelopeSchema>, 'data'> & { data: T };

/** The envelope attributes a producer supplies besides `type` and `data`. */
export type EnvelopeMeta = Omit<EventEnvelope, 'specversion' | 'type' | 'data'>;

/** A new, time-ordered event id (UUIDv7), monotonic within this process. */
export const newEventId: () => string = uuidV7Generator();

// One pino logger per process, made in main.ts and handed to fastify and the Kafka code; never a
// module-level instance. Logs never carry personal data or free text (DESIGN.md §7): the
// allowlist below is the safety net for the day someone logs a whole body; the rule is still to
// log ids only.
import { type DestinationStream, type Logger, pino, type SerializedError } from 'pino';
import type { LogLevel } from './config.ts';
import { activeTraceIds } from './trace-context.ts';

export type { Logger } from 'pino';

// Text reaches a log line only under a key that names operational data (ids, codes, states,
// topics, times); numbers, booleans and null always do. Any other text, at any depth, is replaced:
// a request body, a note, an agreement or a name logged by mistake never reaches the log, whatever
// its key. An allowlist, not a list of forbidden keys: a new free-text field is safe by default.

/** Keys whose text values are logged as they are. */
const loggableTextKeys: ReadonlySet<string> = new Set([
  'msg',
  'service',
  'level',
  'time',
  'hostname',
  'host',
  'method',
  'url',
  'remoteAddress',
  'id',
  'ids',
  'code',
  'codes',
  'type',
  'status',
  'state',
  'reason',
  'region',
  'regions',
  'district',
  'band',
  'role',
  'roles',
  'command',
  'job',
  'signal',
  'db',
  'topic',
  'topics',
  'family',
  'severity',
  'channel',
  'version',
  // A database command's shape: its collection and filter keys, never values (mongo.ts).
  'collection',
  'shape',
  // kafkajs's own log fields.
  'namespace',
  'broker',
  'clientId',
  'error',
  'stack',
  // The active span's ids (trace-context.ts), joining a line to its trace.
  'trace_id',
  'span_id',
]);
/** Key endings of operational text: `caseId`, `eventType`, `raisedAt`, `deadLetterTopic`. */
const loggableTextKeyEnding =
  /(Id|Ids|Type|Types|Code|Codes|Status|State|Topic|Topics|Version|At|Level|Kind|Region)$/;
/** Members of a serialized error that are logged as text. */
const errorTextKeys: ReadonlySet<string> = new Set(['type', 'message', 'stack', 'code', 'codeName', 'name']);

export const censor = '[redacted]';
const maxDepth = 10;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function textAllowed(key: string, inError: boolean): boolean {
  return (inError && errorTextKeys.has(key)) || loggableTextKeys.has(key) || loggableTextKeyEnding.test(key);
}

/**
 * A copy of `value` in which every text not under a loggable key is censored, at any depth;
 * untouched branches are shared, not copied. Class instances (errors, dates, ObjectIds) are left
 * to their serializers. Why not pino's `redact`: its paths name keys to remove, the opposite of
 * an allowlist, and spelling out five levels made every line about 100 times slower.
 */
export function allowlisted(value: unknown, key = '', depth = 0, inError = false): unknown {
  if (typeof value === 'string') return textAllowed(key, inError) ? value : censor;
  if (value === null || typeof value !== 'object') return value;
  if (depth > maxDepth) return censor;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const kept = allowlisted(item, key, depth + 1, inError);
      if (kept === item) return;
      copy ??= [...value];
      copy[index] = kept;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const member of Object.keys(value)) {
    const item = value[member];
    const kept = allowlisted(item, member, depth + 1, inError || member === 'err');
    if (kept === item) continue;
    copy ??= { ...value };
    copy[member] = kept;
  }
  return copy ?? value;
}

function allowlistedObject(value: Record<string, unknown>): Record<string, unknown> {
  return allowlisted(value) as Record<string, unknown>;
}

export type LoggerOptions = {
  service: string;
  level: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream to read what was written. */
  destination?: DestinationStream;
};

export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A line written inside a span carries its trace and span ids; none when tracing is off.
    mixin: () => activeTraceIds() ?? {},
    formatters: {
      // `"level":"warn"` reads and filters better in log stores than pino's numbers.
      level: (label: string) => ({ level: label }),
      log: allowlistedObject,
    },
    serializers: {
      // Errors are class instances, so the allowlist reaches their members (a driver's
      // `keyValue`, a library's `errors` map) once serialized. Messages are kept: keep values out.
      err: (error: Error) =>
        allowlisted({ ...pino.stdSerializers.err(error) }, 'err', 0, true) as SerializedError,
      // Replaces fastify's: the same fields, but the path without its query, which may hold search terms.
      req: (request: { method?: unknown; url?: unknown; ip?: unknown } | undefined) =>
        typeof request?.url === 'string'
          ? { method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip }
          : request,
    },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino applies `formatters.bindings` to the root only; children (which inherit this through
  // their prototype) get their bindings scrubbed here instead.
  const child = logger.child;
  logger.child = function scrubbedChild(this: Logger, bindings, childOptions) {
    return child.call(this, allowlistedObject(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}

/** The key under which a request's or message's correlation id appears in every line. */
export const correlationIdKey = 'correlationId';

/** A child logger for one request or one consumed message, so every line can be traced back. */
export function childLogger(
  logger: Logger,
  correlationId: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return logger.child({ [correlationIdKey]: correlationId, ...bindings });
}

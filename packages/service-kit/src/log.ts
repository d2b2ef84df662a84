// One pino logger per process, made in main.ts and handed to fastify and the Kafka code; never a
// module-level instance. Logs never carry personal data (DESIGN.md §7): the redact paths below
// are the safety net for the day someone logs a whole body; the rule is still to log ids only.
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/** Keys whose values are secrets or personal data wherever they appear. */
const sensitiveKeys = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'password',
  'secret',
  'privateKey',
  'privateKeyPem',
  'name',
  'fullName',
  'firstName',
  'lastName',
  'middleName',
  'patronymic',
  'phone',
  'email',
  'contacts',
  'notes',
  'description',
  'address',
  'iin',
] as const;

// pino's redaction matches a `*` against exactly one level, so "any depth" is spelled out up to
// five levels: enough for `{ body: { parties: [ { contacts: … } ] } }` and for `req.headers.*`.
const maxDepth = 5;

export function redactPaths(keys: readonly string[] = sensitiveKeys): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let depth = 0; depth < maxDepth; depth++) {
      const prefix = '*.'.repeat(depth);
      // `*["set-cookie"]`, not `*.["set-cookie"]`: a bracket already separates the segment.
      paths.push(segment.startsWith('[') ? prefix.slice(0, -1) + segment : prefix + segment);
    }
  }
  return paths;
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
    redact: { paths: redactPaths(), censor: '[redacted]' },
    // `"level":"warn"` reads and filters better in log stores than pino's numbers.
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
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

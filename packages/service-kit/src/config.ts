// The environment, parsed once in main.ts with zod and passed down (STYLE.md rule 6). A bad or
// missing variable stops the start with one error that names every problem, never a value
// (values may be secrets).
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type Env = Record<string, string | undefined>;
export type ConfigIssue = { variable: string; message: string };

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  ${issue.variable}: ${issue.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function parseConfig<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const missing = issue.code === 'invalid_type' && env[variable] === undefined;
    return { variable, message: missing ? 'is missing' : issue.message };
  });
  throw new ConfigError(issues);
}

// Variables set to '' by compose files or shells count as unset.
const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
  )
  .pipe(
    z.array(z.string().regex(/^[^\s:]+:\d+$/, 'each broker must be host:port')).min(1, 'must list a broker'),
  );

/** A PEM given inline (with real or `\n`-escaped newlines) or the path of a PEM file. */
const publicKeyPem = z.string().transform((value, ctx) => {
  let pem = value.trim().startsWith('-----BEGIN') ? value.replaceAll('\\n', '\n') : undefined;
  if (pem === undefined) {
    try {
      pem = readFileSync(value, 'utf8');
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is neither a PEM nor a readable file' });
      return z.NEVER;
    }
  }
  // createPublicKey would happily derive one from a private key, which has no place in a service.
  if (pem.includes('PRIVATE KEY')) {
    ctx.addIssue({ code: 'custom', message: 'is a private key; give the public key (SPKI PEM)' });
    return z.NEVER;
  }
  try {
    const key = createPublicKey(pem);
    if (!['rsa', 'ec', 'ed25519'].includes(key.asymmetricKeyType ?? '')) throw new Error('key type');
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not an RSA, EC or Ed25519 public key (SPKI PEM)' });
    return z.NEVER;
  }
  return pem;
});

/** Comma-separated origins: scheme, host and optional port, nothing else (no path, no `*`). */
const corsOriginList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .regex(
            /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
            'each origin must be scheme://host[:port], without a path or wildcard',
          ),
      )
      .min(1, 'must list an origin'),
  );

const megabytes = (max: number) => integer(0, max).transform((value) => value * 1024 * 1024);

/**
 * The HTTP guards' limits (issue 10), optional with the kit's defaults. Part of the base
 * schema; a service passes `httpGuardsFromConfig(config)` to buildHttpApp.
 */
export const httpGuardConfig = {
  /**
   * Browser origins allowed by CORS, comma-separated (`https://console.kelisim.kz,…`); unset, CORS
   * stays closed. Exact origins only: a wildcard would let any site call with a user's token.
   */
  CORS_ORIGINS: z.preprocess(emptyAsUnset, corsOriginList.optional()),
  /** Requests per minute from one client address. */
  RATE_LIMIT_PER_ADDRESS: z.preprocess(emptyAsUnset, integer(1, 10_000_000).optional()),
  /** Requests per minute with one token subject. */
  RATE_LIMIT_PER_TOKEN: z.preprocess(emptyAsUnset, integer(1, 10_000_000).optional()),
  /** Requests answered at once; beyond, 503 with Retry-After (0: no limit). */
  OVERLOAD_MAX_IN_FLIGHT: z.preprocess(emptyAsUnset, integer(0, 1_000_000).optional()),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.preprocess(emptyAsUnset, integer(0, 60_000).optional()),
  OVERLOAD_MAX_HEAP_MB: z.preprocess(emptyAsUnset, megabytes(1_000_000).optional()),
  OVERLOAD_MAX_RSS_MB: z.preprocess(emptyAsUnset, megabytes(1_000_000).optional()),
  OVERLOAD_RETRY_AFTER_SECONDS: z.preprocess(emptyAsUnset, integer(1, 3_600).optional()),
};

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * What every service reads. Extend it with the service's own variables:
 * `baseServiceConfig.extend({ CASE_NUMBER_KEY: z.string() })` (use `.safeExtend` to override one).
 */
export const baseServiceConfig = z
  .object({
    SERVICE_NAME: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case, e.g. case-intake'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: integer(0, 65_535),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL'),
    MONGO_DB: z.string().min(1, 'must not be empty'),
    KAFKA_BROKERS: brokerList,
    TOPIC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, dot, underscore and dash')
      .default(''),
    TOPIC_PARTITIONS: integer(1, 1_000).default(6),
    /** Log database commands that take at least this many ms (their shape, never values); unset: off. */
    SLOW_COMMAND_MS: z.preprocess(emptyAsUnset, integer(1, 3_600_000).optional()),
    JWT_ISSUER: z.string().min(1, 'must not be empty'),
    JWT_AUDIENCE: z.string().min(1, 'must not be empty'),
    JWT_PUBLIC_KEY: z.preprocess(emptyAsUnset, publicKeyPem.optional()),
    JWKS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
    /**
     * Development only: a second issuer trusted beside the realm, whose tokens `npm run ops -- token`
     * and the demo seed mint with the local key (DEV_JWT_PUBLIC_KEY: a PEM or its path).
     */
    DEV_JWT_ISSUER: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
    DEV_JWT_PUBLIC_KEY: z.preprocess(emptyAsUnset, publicKeyPem.optional()),
    ...httpGuardConfig,
  })
  .superRefine(
    (config, ctx) => {
      if ((config.DEV_JWT_ISSUER === undefined) !== (config.DEV_JWT_PUBLIC_KEY === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [config.DEV_JWT_ISSUER === undefined ? 'DEV_JWT_ISSUER' : 'DEV_JWT_PUBLIC_KEY'],
          message: 'set both DEV_JWT_ISSUER and DEV_JWT_PUBLIC_KEY, or neither',
        });
      }
      const given = [config.JWT_PUBLIC_KEY, config.JWKS_URL].filter((value) => value !== undefined);
      if (given.length === 1) return;
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_PUBLIC_KEY'],
        message:
          given.length === 0
            ? 'set JWT_PUBLIC_KEY (a PEM or its path) or JWKS_URL to verify tokens'
            : 'set only one of JWT_PUBLIC_KEY and JWKS_URL',
      });
    },
    // Also when other variables failed, so that one start reports every problem at once.
    { when: () => true },
  );

export type BaseServiceConfig = z.output<typeof baseServiceConfig>;

type HttpGuardConfig = { [K in keyof typeof httpGuardConfig]?: z.output<(typeof httpGuardConfig)[K]> };

/** What buildHttpApp takes as `corsOrigins`, `rateLimit` and `overload`, from the variables that were set. */
export function httpGuardsFromConfig(config: HttpGuardConfig) {
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  const minute = 60_000;
  return {
    ...(config.CORS_ORIGINS === undefined ? {} : { corsOrigins: config.CORS_ORIGINS }),
    rateLimit: defined({
      perAddress:
        config.RATE_LIMIT_PER_ADDRESS === undefined
          ? undefined
          : { max: config.RATE_LIMIT_PER_ADDRESS, windowMs: minute },
      perToken:
        config.RATE_LIMIT_PER_TOKEN === undefined
          ? undefined
          : { max: config.RATE_LIMIT_PER_TOKEN, windowMs: minute },
    }),
    overload: defined({
      maxInFlight: config.OVERLOAD_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.OVERLOAD_MAX_HEAP_MB,
      maxRssBytes: config.OVERLOAD_MAX_RSS_MB,
      retryAfterSeconds: config.OVERLOAD_RETRY_AFTER_SECONDS,
    }),
  };
}

/** The HTTP guards a service passes on to buildHttpApp. */
export type HttpGuards = ReturnType<typeof httpGuardsFromConfig>;

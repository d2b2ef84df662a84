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
    JWT_ISSUER: z.string().min(1, 'must not be empty'),
    JWT_AUDIENCE: z.string().min(1, 'must not be empty'),
    JWT_PUBLIC_KEY: z.preprocess(emptyAsUnset, publicKeyPem.optional()),
    JWKS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  })
  .superRefine(
    (config, ctx) => {
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

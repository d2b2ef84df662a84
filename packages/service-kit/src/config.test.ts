import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseServiceConfig, ConfigError, httpGuardsFromConfig, parseConfig } from './config.ts';
import { generateSigningKeyPair } from './tokens.ts';

const keys = await generateSigningKeyPair();
const env = {
  SERVICE_NAME: 'case-intake',
  PORT: '3001',
  MONGO_URL: 'mongodb://127.0.0.1:27017/',
  MONGO_DB: 'case_intake',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  JWT_ISSUER: 'kelisim-dev',
  JWT_AUDIENCE: 'kelisim',
  JWT_PUBLIC_KEY: keys.publicKeyPem,
};

function configError(schema: z.ZodType, given: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(schema, given);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('parses the base variables with their defaults', () => {
    expect(parseConfig(baseServiceConfig, env)).toEqual({
      ...env,
      HOST: '127.0.0.1',
      PORT: 3001,
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      TOPIC_PREFIX: '',
      TOPIC_PARTITIONS: 6,
    });
  });

  it('names every missing or bad variable, and why, in one error', () => {
    const error = configError(baseServiceConfig, {
      ...env,
      MONGO_URL: undefined,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    expect(error.message).toMatch(/MONGO_URL: is missing/);
    expect(error.message).toMatch(/PORT: must be a whole number/);
    expect(error.message).toMatch(/LOG_LEVEL: /);
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['LOG_LEVEL', 'MONGO_URL', 'PORT']);
  });

  it('never repeats a value, which may be a secret', () => {
    const error = configError(baseServiceConfig, { ...env, MONGO_URL: 'postgres://user:s3cret@db' });
    expect(error.message).toMatch(/MONGO_URL/);
    expect(error.message).not.toMatch(/s3cret/);
  });

  it('trusts a development issuer only when both its name and its key are given', () => {
    const halfway = configError(baseServiceConfig, { ...env, DEV_JWT_ISSUER: 'kelisim-dev' });
    expect(halfway.message).toMatch(/DEV_JWT_PUBLIC_KEY: set both DEV_JWT_ISSUER and DEV_JWT_PUBLIC_KEY/);
    const both = parseConfig(baseServiceConfig, {
      ...env,
      DEV_JWT_ISSUER: 'kelisim-dev',
      DEV_JWT_PUBLIC_KEY: keys.publicKeyPem,
    });
    expect(both.DEV_JWT_ISSUER).toBe('kelisim-dev');
  });

  it('needs exactly one of JWT_PUBLIC_KEY and JWKS_URL', () => {
    const neither = configError(baseServiceConfig, { ...env, JWT_PUBLIC_KEY: '' });
    expect(neither.message).toMatch(/JWT_PUBLIC_KEY: set JWT_PUBLIC_KEY .* or JWKS_URL/);
    const both = configError(baseServiceConfig, { ...env, JWKS_URL: 'https://id.example/jwks.json' });
    expect(both.message).toMatch(/only one of/);
    const jwks = parseConfig(baseServiceConfig, {
      ...env,
      JWT_PUBLIC_KEY: undefined,
      JWKS_URL: 'https://id.example/jwks.json',
    });
    expect(jwks.JWKS_URL).toBe('https://id.example/jwks.json');
  });

  it('reads JWT_PUBLIC_KEY from a file path, and refuses what is not a public key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kelisim-config-')), 'public.pem');
    writeFileSync(path, keys.publicKeyPem);
    expect(parseConfig(baseServiceConfig, { ...env, JWT_PUBLIC_KEY: path }).JWT_PUBLIC_KEY).toBe(
      keys.publicKeyPem,
    );
    expect(configError(baseServiceConfig, { ...env, JWT_PUBLIC_KEY: '/no/such/key.pem' }).message).toMatch(
      /JWT_PUBLIC_KEY: is neither a PEM nor a readable file/,
    );
    expect(configError(baseServiceConfig, { ...env, JWT_PUBLIC_KEY: keys.privateKeyPem }).message).toMatch(
      /JWT_PUBLIC_KEY: is a private key/,
    );
  });

  it("lets a service extend the base with its own variables and keeps the base's rules", () => {
    const schema = baseServiceConfig.extend({ CASE_NUMBER_PREFIX: z.string().default('EM') });
    expect(parseConfig(schema, env).CASE_NUMBER_PREFIX).toBe('EM');
    expect(configError(schema, { ...env, JWT_PUBLIC_KEY: undefined }).message).toMatch(/JWT_PUBLIC_KEY/);
  });
});

describe('the HTTP guards from the environment', () => {
  it('opens CORS to the listed origins only and sets the rate limits', () => {
    const config = parseConfig(baseServiceConfig, {
      ...env,
      CORS_ORIGINS: 'https://console.kelisim.kz, http://localhost:5173',
      RATE_LIMIT_PER_ADDRESS: '600',
      RATE_LIMIT_PER_TOKEN: '120',
    });
    expect(httpGuardsFromConfig(config)).toMatchObject({
      corsOrigins: ['https://console.kelisim.kz', 'http://localhost:5173'],
      rateLimit: { perAddress: { max: 600, windowMs: 60_000 }, perToken: { max: 120, windowMs: 60_000 } },
    });
  });

  it('keeps CORS closed when no origin is set', () => {
    const guards = httpGuardsFromConfig(parseConfig(baseServiceConfig, { ...env, CORS_ORIGINS: '' }));
    expect(guards).not.toHaveProperty('corsOrigins');
  });

  it.each(['*', 'https://*.kelisim.kz', 'https://console.kelisim.kz/app', 'console.kelisim.kz'])(
    'refuses %s as an origin',
    (origin) => {
      const error = configError(baseServiceConfig, { ...env, CORS_ORIGINS: origin });
      expect(error.issues.map((issue) => issue.variable)).toEqual(['CORS_ORIGINS']);
    },
  );
});

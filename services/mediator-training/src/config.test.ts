import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError, parseConfig } from '@kelisim/service-kit/config';
import { describe, expect, it } from 'vitest';
import { serviceConfigSchema } from './config.ts';

const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const env = {
  SERVICE_NAME: 'mediator-training',
  PORT: '4102',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'mediator_training',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_ISSUER: 'kelisim-dev',
  JWT_AUDIENCE: 'kelisim',
  JWT_PUBLIC_KEY: publicKey,
  FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  FIELD_KEY_CURRENT: 'k1',
  HASH_KEY: randomBytes(32).toString('base64'),
};

describe('configuration', () => {
  it('reads the field keys and sweeps hourly unless told otherwise', () => {
    const config = parseConfig(serviceConfigSchema, env);
    expect(config.FIELD_KEYS.k1).toHaveLength(32);
    expect(config.EXPIRY_SWEEP_INTERVAL_MS).toBe(3_600_000);
    expect(
      parseConfig(serviceConfigSchema, { ...env, EXPIRY_SWEEP_INTERVAL_MS: '60000' })
        .EXPIRY_SWEEP_INTERVAL_MS,
    ).toBe(60_000);
  });

  it('without encryption keys the service refuses to start, naming each variable', () => {
    const { FIELD_KEYS: _, HASH_KEY: __, ...withoutKeys } = env;
    try {
      parseConfig(serviceConfigSchema, withoutKeys);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual([
        'FIELD_KEYS',
        'HASH_KEY',
      ]);
    }
  });
});

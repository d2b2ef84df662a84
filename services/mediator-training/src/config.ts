// The service's environment: the kit's base plus field encryption keys and the sweep interval.
import { baseServiceConfig } from '@kelisim/service-kit/config';
import { fieldCryptoConfig } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';

export const serviceConfigSchema = baseServiceConfig.safeExtend({
  ...fieldCryptoConfig,
  /** How often the certification expiry sweep runs; hourly is plenty for day-granular dates. */
  EXPIRY_SWEEP_INTERVAL_MS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1_000, 'must be at least 1000'))
    .default(3_600_000),
});

export type ServiceConfig = z.output<typeof serviceConfigSchema>;

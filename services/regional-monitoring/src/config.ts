// The environment of regional-monitoring: the kit's base plus field encryption keys, the risk
// window and the overdue sweep's interval. Parsed once in main.ts.
import { baseServiceConfig } from '@kelisim/service-kit/config';
import { fieldCryptoConfig } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';

const positiveInteger = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

export const configSchema = baseServiceConfig.safeExtend({
  ...fieldCryptoConfig,
  /** Days of case signals the risk index looks at. */
  RISK_WINDOW_DAYS: positiveInteger(365).default(30),
  /** How often the overdue sweep runs, in seconds. */
  OVERDUE_SWEEP_SECONDS: positiveInteger(86_400).default(300),
  /** A region not rescored for this long (and above calm) is rescored, so old signals age out. */
  RISK_REFRESH_SECONDS: positiveInteger(86_400).default(3_600),
});

export type Config = z.output<typeof configSchema>;

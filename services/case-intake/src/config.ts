// case-intake's environment: the kit's base, the field-encryption keys, the sweeps' intervals, the
// retention period and where mediator-training answers for mediators' names.
// Parsed once in main.ts (STYLE.md rule 6).
import { baseServiceConfig } from '@kelisim/service-kit/config';
import { fieldCryptoConfig } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';

export const caseIntakeConfigSchema = baseServiceConfig.extend({
  ...fieldCryptoConfig,
  FOLLOW_UP_SWEEP_INTERVAL_MS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .pipe(z.number().min(1_000).max(86_400_000))
    .default(60_000),
  /** Days after a case ended before its personal data is erased (issue 9); default five years. */
  RETENTION_DAYS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.number().min(1).max(36_500))
    .default(1_826),
  /** mediator-training, asked for a mediator's name on the printed documents (issue 26). */
  MEDIATOR_TRAINING_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4102'),
  RETENTION_SWEEP_INTERVAL_MS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .pipe(z.number().min(1_000).max(86_400_000))
    .default(3_600_000),
});

export type CaseIntakeConfig = z.output<typeof caseIntakeConfigSchema>;

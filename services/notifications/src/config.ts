// The environment of the notifications service, parsed once in main.ts (STYLE.md rule 6).
import { baseServiceConfig } from '@kelisim/service-kit/config';
import { fieldCryptoConfig } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';
import { type AckDeadlines, parseAckDeadlines } from './domain/severity.ts';

const positiveInt = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1));

const ackDeadlines = z.string().transform((value, ctx): AckDeadlines => {
  try {
    return parseAckDeadlines(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

export const notificationsConfigSchema = baseServiceConfig.extend({
  /** Members' e-mail addresses, webhook secrets and acknowledgement notes are encrypted at rest. */
  ...fieldCryptoConfig,
  /** `critical=15m,high=1h,medium=4h,low=24h`; severities left out keep these defaults. */
  ACK_DEADLINES: ackDeadlines.default(parseAckDeadlines('')),
  ESCALATION_SWEEP_INTERVAL_MS: positiveInt.default(30_000),
  DELIVERY_RETRY_INTERVAL_MS: positiveInt.default(5_000),
  /** The first retry waits this long; each further one twice as long, up to an hour. */
  DELIVERY_RETRY_BASE_MS: positiveInt.default(10_000),
  DELIVERY_MAX_ATTEMPTS: positiveInt.default(8),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(5_000),
  /** `smtp://user:pass@host:port`; without it the e-mail channel records its deliveries as failed. */
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\//)
      .optional(),
  ),
  SMTP_FROM: z.string().default('Kelisim <alerts@kelisim.kz>'),
  /**
   * Keycloak's base URL (`http://127.0.0.1:8180`): group members are looked up among the realm's
   * users and e-mailed at their account's address. Unset (development and tests without
   * Keycloak): members are taken by id as given and nobody is e-mailed.
   */
  KEYCLOAK_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  KEYCLOAK_REALM: z.string().min(1).default('kelisim'),
  /** The service's own confidential client, holding realm-management's view-users and query-users. */
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('kelisim-notifications'),
  KEYCLOAK_CLIENT_SECRET: z.string().default(''),
  /** The console's origin for people's browsers: e-mails and webhooks link each alert's matter there. */
  CONSOLE_URL: z.url().default('http://127.0.0.1:4100'),
});

export type NotificationsConfig = z.output<typeof notificationsConfigSchema>;

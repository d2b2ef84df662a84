// The console's environment, parsed once in main.ts (STYLE.md rule 6). The console keeps no data
// of its own but its sessions: it needs the four services' addresses, how to sign users in, and
// where to keep sessions.
import { logLevels } from '@kelisim/service-kit/config';
import { z } from 'zod';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const url = (fallback: string) =>
  z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).default(fallback));
const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min).max(max));

export const consoleConfigSchema = z.object({
  SERVICE_NAME: z.string().default('console'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.preprocess(emptyAsUnset, integer(0, 65_535).default(4100)),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  CASE_INTAKE_URL: url('http://127.0.0.1:4101'),
  MEDIATOR_TRAINING_URL: url('http://127.0.0.1:4102'),
  REGIONAL_MONITORING_URL: url('http://127.0.0.1:4103'),
  NOTIFICATIONS_URL: url('http://127.0.0.1:4104'),
  /**
   * `openid-connect`: Keycloak's login page (the realm `kelisim`). `development`: the console's own
   * form where anyone may be anyone, for trying the console out alone; never in compose or Kubernetes.
   */
  SIGN_IN: z.enum(['openid-connect', 'development']).default('openid-connect'),
  /** The OpenID Connect issuer (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  OIDC_ISSUER: url('http://127.0.0.1:8180/realms/kelisim'),
  OIDC_CLIENT_ID: z.string().min(1).default('kelisim-console'),
  /** The client's secret (a confidential client); without it, a public client with PKCE only. */
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUnset, z.string().optional()),
  /** The console's own origin as browsers reach it: the redirect URI is `<PUBLIC_URL>/auth/callback`. */
  PUBLIC_URL: url('http://127.0.0.1:4100'),
  /** The services' token settings; with OpenID Connect they default to the issuer's and its JWKS. */
  JWT_ISSUER: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
  JWT_AUDIENCE: z.string().min(1).default('kelisim'),
  JWKS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  /** Server-side sessions live in the console's own database. */
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017/'),
  MONGO_DB: z.string().min(1).default('kelisim_console'),
  /** The dev signing key: a PKCS#8 PEM or its path. Without it, the dev key pair in DEV_KEY_DIR. */
  DEV_SIGNING_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  DEV_KEY_DIR: z.preprocess(emptyAsUnset, z.string().optional()),
  /** A session ends this long after sign-in, whatever happens. */
  SESSION_HOURS: z.preprocess(emptyAsUnset, integer(1, 24).default(8)),
  /** A session nobody used for this long ends. */
  SESSION_IDLE_MINUTES: z.preprocess(emptyAsUnset, integer(1, 24 * 60).default(30)),
  /** Behind HTTPS: marks the session cookie Secure. */
  SECURE_COOKIES: z.preprocess(emptyAsUnset, z.enum(['true', 'false']).default('false')),
});

export type ConsoleConfig = z.output<typeof consoleConfigSchema>;

export type UpstreamName = 'case-intake' | 'mediator-training' | 'regional-monitoring' | 'notifications';
export type Upstreams = Readonly<Record<UpstreamName, string>>;

export function upstreamsOf(config: ConsoleConfig): Upstreams {
  return {
    'case-intake': config.CASE_INTAKE_URL,
    'mediator-training': config.MEDIATOR_TRAINING_URL,
    'regional-monitoring': config.REGIONAL_MONITORING_URL,
    notifications: config.NOTIFICATIONS_URL,
  };
}

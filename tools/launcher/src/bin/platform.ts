// `npm start`: the whole platform on one machine for development: infrastructure (given
// endpoints, else Docker compose, else infra/local), Keycloak with the realm `kelisim`, Jaeger,
// development secrets, the four services and the console; prints where each one answers and stops them all on Ctrl-C. infra/bin/start.sh
// installs the workspace first, so only the launcher and Node are assumed here.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { env, stdout } from 'node:process';
import { repoRoot, ServiceProcess } from '../service-process.ts';

const startedAt = Number(env.KELISIM_STARTED_AT) || Date.now();
const stateDir = env.KELISIM_INFRA_DIR ?? join(repoRoot, '.infra');

const services = [
  { name: 'case-intake', port: 4101 },
  { name: 'mediator-training', port: 4102 },
  { name: 'regional-monitoring', port: 4103 },
  { name: 'notifications', port: 4104 },
  // The web console (services/console): its backend proxies the four above for the browser.
  { name: 'console', port: 4100 },
];

function say(message: string): void {
  stdout.write(`[kelisim] ${message}\n`);
}

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function infrastructure(docker: boolean): { kafkaBrokers: string; mongoUrl: string } {
  if (env.KAFKA_BROKERS && env.MONGO_URL) {
    say(`using the given KAFKA_BROKERS=${env.KAFKA_BROKERS} and MONGO_URL`);
    return { kafkaBrokers: env.KAFKA_BROKERS, mongoUrl: env.MONGO_URL };
  }
  if (docker) {
    say('starting Kafka and MongoDB with docker compose');
    execFileSync('docker', ['compose', 'up', '-d', '--wait', 'kafka', 'mongodb'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  } else {
    say(
      'starting the local Kafka, PostgreSQL and FerretDB (the first start downloads and builds them: a few minutes)',
    );
    execFileSync('bash', [join(repoRoot, 'infra/local/infra.sh'), 'start'], { stdio: 'inherit' });
  }
  const kafkaPort = env.KELISIM_KAFKA_PORT ?? '9092';
  const mongoPort = env.KELISIM_MONGO_PORT ?? '27017';
  return { kafkaBrokers: `127.0.0.1:${kafkaPort}`, mongoUrl: `mongodb://127.0.0.1:${mongoPort}/` };
}

// Keycloak (infra/keycloak's realm) starts beside the services: its first start takes a minute or
// two, and the services fetch its keys only when the first token arrives. KEYCLOAK_URL uses a
// running one; KELISIM_NO_KEYCLOAK=1 goes without (the console then offers its development form).
async function keycloak(docker: boolean): Promise<boolean> {
  if (env.KELISIM_NO_KEYCLOAK === '1') return false;
  if (!env.KEYCLOAK_URL) {
    const [command, args] = docker
      ? ['docker', ['compose', 'up', '-d', '--wait', 'keycloak']]
      : ['bash', [join(repoRoot, 'infra/local/infra.sh'), 'start', 'keycloak']];
    say(
      `starting Keycloak with ${docker ? 'docker compose' : 'infra/local'} (its first start takes a minute or two)`,
    );
    const started = await new Promise<boolean>((done) => {
      const child = spawn(command, args as string[], {
        cwd: repoRoot,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', (code) => done(code === 0));
    });
    if (!started) throw new Error('Keycloak did not start (its log is above)');
  }
  return true;
}

// Jaeger (infra/local/jaeger) starts beside the services, which send it their spans over OTLP;
// its first local start builds it (a few minutes). OTEL_EXPORTER_OTLP_ENDPOINT uses a collector
// of one's own; KELISIM_NO_JAEGER=1 goes without, and the services then run with tracing off.
const jaegerUiPort = env.KELISIM_JAEGER_UI_PORT ?? '16686';
const otlpEndpoint =
  env.OTEL_EXPORTER_OTLP_ENDPOINT ??
  (env.KELISIM_NO_JAEGER === '1'
    ? undefined
    : `http://127.0.0.1:${env.KELISIM_JAEGER_OTLP_HTTP_PORT ?? '4318'}`);

async function jaeger(docker: boolean): Promise<boolean> {
  if (env.KELISIM_NO_JAEGER === '1' || env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const [command, args] = docker
    ? ['docker', ['compose', 'up', '-d', '--wait', 'jaeger']]
    : ['bash', [join(repoRoot, 'infra/local/infra.sh'), 'start', 'jaeger']];
  say(`starting Jaeger with ${docker ? 'docker compose' : 'infra/local'} (KELISIM_NO_JAEGER=1 skips it)`);
  const started = await new Promise<boolean>((done) => {
    const child = spawn(command, args as string[], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => done(code === 0));
  });
  if (!started) throw new Error('Jaeger did not start (its log is above)');
  return true;
}

/** The realm's development users (infra/keycloak/kelisim-users-0.json) and their one password. */
function demoUsers(): string[] {
  const file = join(repoRoot, 'infra/keycloak/kelisim-users-0.json');
  const { users } = JSON.parse(readFileSync(file, 'utf8')) as {
    users: Array<{ username: string; realmRoles: string[]; attributes: { regions: string[] } }>;
  };
  return users.map(
    (u) => `${u.username.padEnd(22)} ${u.realmRoles.join(',').padEnd(13)} ${u.attributes.regions.join(',')}`,
  );
}
const demoPassword = 'kelisim-demo-pass';

// Development secrets, made once and kept in .infra/ (git-ignored). Never for production.
function developmentSecrets(): Record<string, string> {
  const file = join(stateDir, 'dev-secrets.json');
  if (!existsSync(file)) {
    mkdirSync(stateDir, { recursive: true });
    const secrets = {
      FIELD_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
      FIELD_KEY_CURRENT: 'dev1',
      HASH_KEY: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  // The same secrets for `docker compose up` (docker-compose.yml's env_file).
  const envFile = Object.entries(secrets).map(([name, value]) => `${name}=${value}\n`);
  writeFileSync(join(stateDir, 'dev-secrets.env'), envFile.join(''), { mode: 0o600 });
  return secrets;
}

/** A workspace package's script under tsx, as the package itself would run it. */
function tsxArgs(script: string): string[] {
  return ['--import', 'tsx', script];
}

function devPublicKeyPath(): string {
  const out = execFileSync(process.execPath, [...tsxArgs('src/bin/mint-token.ts'), '--public-key'], {
    cwd: join(repoRoot, 'packages/service-kit'),
    encoding: 'utf8',
  });
  return out.trim();
}

// Demo data through the services' public APIs (tools/ops), its progress lines passed through.
// Idempotent: a second start adds nothing.
function seed(): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, tsxArgs('src/seed/main.ts'), {
      cwd: join(repoRoot, 'tools/ops'),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    seeding = child;
    child.once('exit', (code) => done(code === 0));
  });
}

/** Each line of a service's output, prefixed with its name. */
function linePrinter(name: string): (chunk: string) => void {
  let rest = '';
  return (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) stdout.write(`[${name}] ${line}\n`);
  };
}

const docker = dockerAnswers();
const infra = infrastructure(docker);
const identity = keycloak(docker);
const tracing = jaeger(docker);
const secrets = developmentSecrets();
const publicKey = devPublicKeyPath();
// The issuer is known before Keycloak answers: the services and the console start beside it.
const realmIssuer =
  env.KELISIM_NO_KEYCLOAK === '1'
    ? null
    : `${env.KEYCLOAK_URL?.replace(/\/+$/, '') ?? `http://127.0.0.1:${env.KELISIM_KEYCLOAK_PORT ?? '8180'}`}/realms/kelisim`;
// Services trust the realm and, for the demo seed and `npm run ops -- token`, the local dev key.
const tokenSettings: Record<string, string> = realmIssuer
  ? {
      JWT_ISSUER: realmIssuer,
      JWKS_URL: `${realmIssuer}/protocol/openid-connect/certs`,
      JWT_PUBLIC_KEY: '',
      DEV_JWT_ISSUER: 'kelisim-dev',
      DEV_JWT_PUBLIC_KEY: publicKey,
    }
  : { JWT_ISSUER: 'kelisim-dev', JWT_PUBLIC_KEY: publicKey };
const signInSettings: Record<string, string> = realmIssuer
  ? { SIGN_IN: 'openid-connect', OIDC_ISSUER: realmIssuer, OIDC_CLIENT_SECRET: 'kelisim-console-dev-secret' }
  : { SIGN_IN: 'development' };
// notifications looks group members up in the realm with its own client (the realm file's
// development secret).
const peopleSettings: Record<string, string> = realmIssuer
  ? {
      KEYCLOAK_URL: realmIssuer.replace(/\/realms\/kelisim$/, ''),
      KEYCLOAK_CLIENT_SECRET: 'kelisim-notifications-dev-secret',
    }
  : {};
const running: ServiceProcess[] = [];
let seeding: ReturnType<typeof spawn> | undefined;

for (const { name, port } of services) {
  if (!existsSync(join(repoRoot, 'services', name, 'src/main.ts'))) {
    say(`${name}: not built yet, skipped`);
    continue;
  }
  const service = ServiceProcess.spawn({
    name,
    port,
    inheritEnv: true,
    env: {
      ...secrets,
      MONGO_URL: infra.mongoUrl,
      // KELISIM_DB_PREFIX (with TOPIC_PREFIX) gives a second platform its own data on shared servers.
      MONGO_DB: `${env.KELISIM_DB_PREFIX ?? 'kelisim_'}${name.replaceAll('-', '_')}`,
      KAFKA_BROKERS: infra.kafkaBrokers,
      ...tokenSettings,
      ...(name === 'console' ? signInSettings : {}),
      ...(name === 'notifications' ? peopleSettings : {}),
      JWT_AUDIENCE: 'kelisim',
      // The console signs development sessions with the key pair the services trust.
      DEV_KEY_DIR: dirname(publicKey),
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      ...(otlpEndpoint === undefined ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint }),
    },
    onOutput: linePrinter(name),
  });
  running.push(service);
}

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping the services (the infrastructure keeps running: `npm run infra stop`)');
  if (seeding?.exitCode === null) seeding.kill('SIGTERM');
  await Promise.all(running.map((service) => service.stop()));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const signIn = await identity.then(
  (started) => started,
  (error: unknown) => {
    say(`${error instanceof Error ? error.message : String(error)}; sign-in through Keycloak is unavailable`);
    return false;
  },
);
const traced = await tracing.then(
  (started) => started,
  (error: unknown) => {
    say(`${error instanceof Error ? error.message : String(error)}; traces are not kept`);
    return false;
  },
);
const healthy = await Promise.all(
  running.map((service) =>
    service.waitReady({ path: '/healthz', timeoutMs: 90_000 }).then(
      () => true,
      () => false,
    ),
  ),
);
const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);
if (healthy.every(Boolean)) say(`services healthy after ${seconds()} s`);
if (healthy.every(Boolean) && env.KELISIM_NO_SEED !== '1' && !stopping) {
  say('seeding the demo data (KELISIM_NO_SEED=1 skips it)');
  if (!(await seed())) say('seeding failed (its error is above); the services keep running');
}
stdout.write('\n');
for (const [i, { name, port }] of running.entries()) {
  const state = healthy[i] ? 'up  ' : 'DOWN';
  stdout.write(
    `  ${state} ${name.padEnd(20)} http://127.0.0.1:${port}   docs: http://127.0.0.1:${port}/docs\n`,
  );
}
stdout.write('\n');
if (signIn) {
  say(
    `Keycloak: ${realmIssuer}  (admin console http://127.0.0.1:${env.KELISIM_KEYCLOAK_PORT ?? '8180'}/admin/: admin / kelisim-dev-admin)`,
  );
  say(`demo users of the realm, development only, password "${demoPassword}" for all:`);
  for (const line of demoUsers()) stdout.write(`    ${line}\n`);
}
if (traced)
  say(
    `Jaeger: http://127.0.0.1:${jaegerUiPort}  (each request's trace across the services; locally a small viewer, the query API under /api)`,
  );
else if (otlpEndpoint) say(`traces go to ${otlpEndpoint}`);
say(
  'sign in on the command line: npm run ops -- login; a development token: npm run ops -- token --role admin --region KZ',
);
say(`ready in ${seconds()} s. Ctrl-C stops the services.`);
if (healthy.some((ok) => !ok)) {
  say('some services did not come up; their logs are above');
  await stopAll(1);
}

// `npm start`: the whole platform on one machine for development: infrastructure (given
// endpoints, else Docker compose, else infra/local), development secrets, the four services and
// the console; prints where each one answers and stops them all on Ctrl-C. infra/bin/start.sh
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

function infrastructure(): { kafkaBrokers: string; mongoUrl: string } {
  if (env.KAFKA_BROKERS && env.MONGO_URL) {
    say(`using the given KAFKA_BROKERS=${env.KAFKA_BROKERS} and MONGO_URL`);
    return { kafkaBrokers: env.KAFKA_BROKERS, mongoUrl: env.MONGO_URL };
  }
  let docker = false;
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
    docker = true;
  } catch {}
  if (docker) {
    say('starting Kafka and MongoDB with docker compose');
    execFileSync('docker', ['compose', 'up', '-d', '--wait', 'kafka', 'mongodb'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  } else {
    say('starting the local Kafka, PostgreSQL and FerretDB (the first start downloads and builds them: a few minutes)');
    execFileSync('bash', [join(repoRoot, 'infra/local/infra.sh'), 'start'], { stdio: 'inherit' });
  }
  const kafkaPort = env.KELISIM_KAFKA_PORT ?? '9092';
  const mongoPort = env.KELISIM_MONGO_PORT ?? '27017';
  return { kafkaBrokers: `127.0.0.1:${kafkaPort}`, mongoUrl: `mongodb://127.0.0.1:${mongoPort}/` };
}

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

const infra = infrastructure();
const secrets = developmentSecrets();
const publicKey = devPublicKeyPath();
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
      JWT_ISSUER: 'kelisim-dev',
      JWT_AUDIENCE: 'kelisim',
      JWT_PUBLIC_KEY: publicKey,
      // The console signs development sessions with the key pair the services trust.
      DEV_KEY_DIR: dirname(publicKey),
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
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
say('a token for the APIs: npm run ops -- token --role admin --region KZ');
say(`ready in ${seconds()} s. Ctrl-C stops the services.`);
if (healthy.some((ok) => !ok)) {
  say('some services did not come up; their logs are above');
  await stopAll(1);
}

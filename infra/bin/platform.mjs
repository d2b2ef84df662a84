// Runs the whole platform on one machine for development: infrastructure (given endpoints, else
// Docker compose, else infra/local), development secrets, the four services; prints where each
// one answers and stops them all on Ctrl-C. Plain Node, no dependencies: it runs before anything
// else is known to work.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const startedAt = Number(process.env.KELISIM_STARTED_AT) || Date.now();
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = process.env.KELISIM_INFRA_DIR ?? join(repo, '.infra');

const services = [
  { name: 'case-intake', port: 4101 },
  { name: 'mediator-training', port: 4102 },
  { name: 'regional-monitoring', port: 4103 },
  { name: 'notifications', port: 4104 },
  // The web console (services/console): its backend proxies the four above for the browser.
  { name: 'console', port: 4100 },
];

function say(message) {
  console.log(`[kelisim] ${message}`);
}

function infrastructure() {
  if (process.env.KAFKA_BROKERS && process.env.MONGO_URL) {
    say(`using the given KAFKA_BROKERS=${process.env.KAFKA_BROKERS} and MONGO_URL`);
    return { kafkaBrokers: process.env.KAFKA_BROKERS, mongoUrl: process.env.MONGO_URL };
  }
  let docker = false;
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
    docker = true;
  } catch {}
  if (docker) {
    say('starting Kafka and MongoDB with docker compose');
    execFileSync('docker', ['compose', 'up', '-d', '--wait', 'kafka', 'mongodb'], {
      cwd: repo,
      stdio: 'inherit',
    });
  } else {
    say('starting the local Kafka and FerretDB (the first start downloads and builds them: a few minutes)');
    execFileSync('bash', [join(repo, 'infra/local/infra.sh'), 'start'], { stdio: 'inherit' });
  }
  const kafkaPort = process.env.KELISIM_KAFKA_PORT ?? '9092';
  const mongoPort = process.env.KELISIM_MONGO_PORT ?? '27017';
  return { kafkaBrokers: `127.0.0.1:${kafkaPort}`, mongoUrl: `mongodb://127.0.0.1:${mongoPort}/` };
}

// Development secrets, made once and kept in .infra/ (git-ignored). Never for production.
function developmentSecrets() {
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
  const secrets = JSON.parse(readFileSync(file, 'utf8'));
  // The same secrets for `docker compose up` (docker-compose.yml's env_file).
  const envFile = Object.entries(secrets).map(([name, value]) => `${name}=${value}\n`);
  writeFileSync(join(stateDir, 'dev-secrets.env'), envFile.join(''), { mode: 0o600 });
  return secrets;
}

function tsxOf(serviceDir) {
  return join(serviceDir, 'node_modules/.bin/tsx');
}

function devPublicKeyPath() {
  const kit = join(repo, 'packages/service-kit');
  const out = execFileSync(tsxOf(kit), ['src/bin/mint-token.ts', '--public-key'], {
    cwd: kit,
    encoding: 'utf8',
  });
  return out.trim();
}

// Demo data through the services' public APIs (tools/ops), its progress lines passed through.
// Idempotent: a second start adds nothing.
function seed() {
  const ops = join(repo, 'tools/ops');
  return new Promise((done) => {
    const child = spawn(tsxOf(ops), ['src/seed/main.ts'], {
      cwd: ops,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push({ name: 'seed', port: 0, child, transient: true });
    child.once('exit', (code) => done(code === 0));
  });
}

async function waitForHealth(port, child, seconds = 90) {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (child.exitCode !== null) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const infra = infrastructure();
const secrets = developmentSecrets();
const publicKey = devPublicKeyPath();
const children = [];

for (const service of services) {
  const dir = join(repo, 'services', service.name);
  if (!existsSync(join(dir, 'src/main.ts'))) {
    say(`${service.name}: not built yet, skipped`);
    continue;
  }
  const env = {
    ...process.env,
    ...secrets,
    SERVICE_NAME: service.name,
    PORT: String(service.port),
    MONGO_URL: infra.mongoUrl,
    // KELISIM_DB_PREFIX (with TOPIC_PREFIX) gives a second platform its own data on shared servers.
    MONGO_DB: `${process.env.KELISIM_DB_PREFIX ?? 'kelisim_'}${service.name.replaceAll('-', '_')}`,
    KAFKA_BROKERS: infra.kafkaBrokers,
    JWT_ISSUER: 'kelisim-dev',
    JWT_AUDIENCE: 'kelisim',
    JWT_PUBLIC_KEY: publicKey,
    // The console signs development sessions with the key pair the services trust.
    DEV_KEY_DIR: dirname(publicKey),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const child = spawn(tsxOf(dir), ['src/main.ts'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${service.name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix + line}\n`);
    });
  }
  children.push({ ...service, child });
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping the services (the infrastructure keeps running: `npm run infra stop`)');
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const healthy = await Promise.all(children.map(({ port, child }) => waitForHealth(port, child)));
const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);
if (healthy.every(Boolean)) say(`services healthy after ${seconds()} s`);
if (healthy.every(Boolean) && process.env.KELISIM_NO_SEED !== '1' && !stopping) {
  say('seeding the demo data (KELISIM_NO_SEED=1 skips it)');
  if (!(await seed())) say('seeding failed (its error is above); the services keep running');
}
console.log('');
for (const [i, { name, port }] of children.filter((c) => !c.transient).entries()) {
  const state = healthy[i] ? 'up  ' : 'DOWN';
  console.log(`  ${state} ${name.padEnd(20)} http://127.0.0.1:${port}   docs: http://127.0.0.1:${port}/docs`);
}
console.log('');
say(
  'a token for the APIs: packages/service-kit/node_modules/.bin/tsx packages/service-kit/src/bin/mint-token.ts --role admin --region KZ',
);
say('a token from the operator CLI: npm run ops -- token --role admin --region KZ');
say(`ready in ${seconds()} s. Ctrl-C stops the services.`);
if (healthy.some((ok) => !ok)) {
  say('some services did not come up; their logs are above');
  await stopAll(1);
}

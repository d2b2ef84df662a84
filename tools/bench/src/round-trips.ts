// How many store commands one registration and one read by id send, and what each costs, beside
// the bare routes (`pnpm --filter @kelisim/bench round-trips [requests] [--concurrency N]`):
// case-intake built as the benchmark's target builds it, driven through inject(). One request at a
// time (the default) no group commit shares a write between requests, and the tool also counts
// the steps (round trips in a row: commands sent side by side share one); with N in flight the
// commands are shared as under the benchmark's load. The driver's command monitoring counts what
// each request sends (the relay's pointer deletion included). CPU per request is read from /proc
// for FerretDB, PostgreSQL and the broker (absent elsewhere; other clients of the shared platform
// add to it, so compare rounds run back to back) and for this process (the service, the relay,
// inject). What the registration and read-by-id ratios are made of (docs/adr/0019).
import { readdirSync, readFileSync } from 'node:fs';
import { buildService } from '@kelisim/case-intake/src/service.ts';
import { httpGuardsFromConfig } from '@kelisim/service-kit/config';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import { createLogger } from '@kelisim/service-kit/log';
import { nativeCollection, onTimedCommand } from '@kelisim/service-kit/mongo';
import { connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { pino } from 'pino';
import { benchRegion, caseBodies } from './case-bodies.ts';
import { buildBareApp } from './target/bare-app.ts';

const print = (text: string) => process.stdout.write(`${text}\n`);
const requests = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 20);
// `--concurrency N`: N requests in flight at once, as the benchmark's connections send them, so the
// group commit shares writes; steps are then not counted (they overlap).
const concurrencyArg = process.argv.indexOf('--concurrency');
const concurrency = concurrencyArg > 0 ? Number(process.argv[concurrencyArg + 1]) : 1;
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const logger = createLogger({
  service: 'case-intake',
  level: 'info',
  destination: pino.destination('/dev/null'),
});
const infra = await connectServiceInfrastructure(
  {
    SERVICE_NAME: 'case-intake',
    MONGO_URL: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
    MONGO_DB: `roundtrips_${suffix}`,
    KAFKA_BROKERS: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    TOPIC_PREFIX: `roundtrips.${suffix}.`,
    TOPIC_PARTITIONS: 1,
    SLOW_COMMAND_MS: 3_600_000,
  },
  logger,
);
const auth = await createTestAuth();
const service = await buildService({
  settings: {
    FOLLOW_UP_SWEEP_INTERVAL_MS: 3_600_000,
    RETENTION_SWEEP_INTERVAL_MS: 3_600_000,
    RETENTION_DAYS: 1_825,
  },
  connections: infra,
  logger,
  auth: auth.verifier,
  httpGuards: httpGuardsFromConfig({ RATE_LIMIT_PER_ADDRESS: 10_000_000, RATE_LIMIT_PER_TOKEN: 10_000_000 }),
  cipher: new FieldCipher(generateKeyRing()),
});
await service.start();
const token = await auth.mint({
  sub: 'bench-mediator',
  roles: ['mediator'],
  regions: [benchRegion],
  expiresIn: '1h',
});
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

let tally = new Map<string, number>();
let counting = false;
const client = infra.connection.getClient();
const ignored = new Set(['hello', 'ping', 'endSessions']);
onTimedCommand(client, ({ command, collection }) => {
  if (!counting || ignored.has(command)) return;
  const key = `${command} ${collection}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
});
// Round trips in a row: a command sent while none is in flight starts a new step; commands sent
// alongside one in flight share its step. The relay's reads and deletions of pointers run beside
// the requests and are left out of the steps.
let steps = 0;
let inFlight = 0;
const requestIds = new Set<number>();
const isRelays = (command: Record<string, unknown>) =>
  ['find', 'delete'].some((name) => String(command[name] ?? '').endsWith('_outbox'));
client.on('commandStarted', (event) => {
  if (!counting || ignored.has(event.commandName) || isRelays(event.command)) return;
  if (inFlight === 0) steps += 1;
  inFlight += 1;
  requestIds.add(event.requestId);
});
const settled = (event: { requestId: number }) => {
  if (requestIds.delete(event.requestId)) inFlight -= 1;
};
client.on('commandSucceeded', settled);
client.on('commandFailed', settled);

const ticksPerSecond = 100;
/** The processes whose CPU is reported apart: the store's two and the broker. */
const watched = {
  ferretdb: (name: string) => name.startsWith('ferretdb'),
  postgres: (name: string) => name === 'postgres',
  kafka: (name: string) => name === 'java',
};
type Watched = keyof typeof watched;

/** CPU milliseconds used so far by FerretDB, PostgreSQL and the broker, or NaN each without /proc. */
function platformCpuMs(): Record<Watched, number> {
  const ticks: Record<Watched, number> = { ferretdb: Number.NaN, postgres: Number.NaN, kafka: Number.NaN };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const kind = (Object.keys(watched) as Watched[]).find((key) => watched[key](name));
      if (!kind) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks[kind] = (Number.isNaN(ticks[kind]) ? 0 : ticks[kind]) + Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended in between.
    }
  }
  for (const key of Object.keys(ticks) as Watched[]) ticks[key] = (ticks[key] * 1000) / ticksPerSecond;
  return ticks;
}

async function measure(label: string, send: () => Promise<number>): Promise<void> {
  // Two untimed first: the month range, the number search and the pools are warmed.
  for (let i = 0; i < 2; i++) await send();
  await new Promise((resolve) => setTimeout(resolve, 300));
  tally = new Map();
  steps = 0;
  counting = true;
  const cpuBefore = platformCpuMs();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < requests) {
        sent += 1;
        const status = await send();
        if (status >= 300) throw new Error(`${label} answered ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // The relay publishes and deletes its pointers right after the answer.
  await new Promise((resolve) => setTimeout(resolve, 500));
  counting = false;
  const cpuAfter = platformCpuMs();
  const perRequest = (key: Watched) => ((cpuAfter[key] - cpuBefore[key]) / requests).toFixed(2);
  const node = process.cpuUsage(nodeBefore);
  const nodeCpu = (node.user + node.system) / 1_000 / requests;
  const rows = [...tally].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const inSteps = concurrency === 1 ? ` in ${(steps / requests).toFixed(2)} steps` : '';
  print(
    `${label}: ${(total / requests).toFixed(2)} commands${inSteps}; CPU ms per request: FerretDB ${perRequest('ferretdb')}, PostgreSQL ${perRequest('postgres')}, broker ${perRequest('kafka')}, this process ${nodeCpu.toFixed(2)} (${requests} requests, ${concurrency} at a time, ${(requests / seconds).toFixed(0)}/s)`,
  );
  for (const [key, n] of rows) print(`  ${key.padEnd(36)} ${(n / requests).toFixed(2)}`);
}

const body = caseBodies();
const ids: string[] = [];
const register = (extra: Record<string, string>) => async () => {
  const response = await service.app.inject({
    method: 'POST',
    url: '/cases',
    headers: { ...headers, ...extra },
    payload: body() as object,
  });
  ids.push(response.json().caseId);
  return response.statusCode;
};
const bare = buildBareApp({
  inserts: nativeCollection(infra.connection, 'bare_cases'),
  cases: nativeCollection(infra.connection, 'cases'),
});
const bareBody = caseBodies();
const registerBare = async () =>
  (await bare.inject({ method: 'POST', url: '/bare/cases', payload: bareBody() as object })).statusCode;
let bareRead = 0;
const readBare = async () =>
  (await bare.inject({ method: 'GET', url: `/bare/cases/${ids[bareRead++ % ids.length]}` })).statusCode;
try {
  await measure('bare insertOne route', registerBare);
  await measure('registration without Idempotency-Key', register({}));
  let key = 0;
  await measure('registration with Idempotency-Key', async () =>
    register({ 'idempotency-key': `k-${suffix}-${key++}` })(),
  );
  let read = 0;
  await measure('read by id', async () => {
    const response = await service.app.inject({
      method: 'GET',
      url: `/cases/${ids[read++ % ids.length]}`,
      headers,
    });
    return response.statusCode;
  });
  await measure('bare findOne route', readBare);
  // Again, back to back: the store's other clients vary from one minute to the next.
  await measure('bare insertOne route', registerBare);
  await measure('registration without Idempotency-Key', register({}));
} finally {
  await service.stop();
  await infra.connection.dropDatabase().catch(() => {});
  await infra.close();
}
process.exit(0);

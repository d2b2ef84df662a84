// How many store commands one registration and one read by id send, and the store's CPU per
// request beside the bare routes' (`pnpm --filter @kelisim/bench round-trips [requests]`):
// case-intake built as the benchmark's target builds it, driven one request at a time through
// inject() so that no group commit shares a write between requests, with the driver's command
// monitoring counting what each request sends (the relay's pointer deletion included: it runs
// right after) and in how many steps (round trips in a row: commands sent side by side share one). The store's CPU is that of the local FerretDB and PostgreSQL processes, read from
// /proc (absent elsewhere); other clients of the shared store add to it, so compare rounds run
// back to back. This process's CPU (the service, the relay, inject) is measured beside it. What the registration benchmark's ratio is made of (docs/adr/0019).
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
/** CPU milliseconds used so far by the processes named ferretdb* and postgres, or NaN without /proc. */
function storeCpuMs(): number {
  let ticks = 0;
  let seen = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return Number.NaN;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('ferretdb') && name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      seen = true;
    } catch {
      // The process ended in between.
    }
  }
  return seen ? (ticks * 1000) / ticksPerSecond : Number.NaN;
}

async function measure(label: string, send: () => Promise<number>): Promise<void> {
  // Two untimed first: the month range, the number search and the pools are warmed.
  for (let i = 0; i < 2; i++) await send();
  await new Promise((resolve) => setTimeout(resolve, 300));
  tally = new Map();
  steps = 0;
  counting = true;
  const cpuBefore = storeCpuMs();
  const nodeBefore = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const status = await send();
    if (status >= 300) throw new Error(`${label} answered ${status}`);
  }
  // The relay publishes and deletes its pointers right after the answer.
  await new Promise((resolve) => setTimeout(resolve, 500));
  counting = false;
  const cpu = (storeCpuMs() - cpuBefore) / requests;
  const node = process.cpuUsage(nodeBefore);
  const nodeCpu = (node.user + node.system) / 1_000 / requests;
  const rows = [...tally].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  print(
    `${label}: ${(total / requests).toFixed(2)} commands in ${(steps / requests).toFixed(2)} steps, store CPU ${cpu.toFixed(2)} ms, this process ${nodeCpu.toFixed(2)} ms per request (${requests} requests, one at a time)`,
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

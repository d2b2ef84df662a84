// The whole platform for one test file, as it runs in production: the four services as separate
// processes (each its own `src/main.ts`, its own database), sharing only the real broker (a topic
// prefix of their own), FerretDB and the token issuer. Tests talk to them over HTTP only.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';

export const serviceNames = [
  'case-intake',
  'mediator-training',
  'regional-monitoring',
  'notifications',
] as const;
export type ServiceName = (typeof serviceNames)[number];

export type PlatformOptions = {
  /** Per service, variables beyond the shared ones (short job intervals, deadlines). */
  env: Partial<Record<ServiceName, Record<string, string>>>;
  partitions?: number;
};

type Running = { child: ChildProcess; port: number; exited: Promise<void> };

const outputLimit = 200_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Time travel for a process: a preload that moves `new Date()` (how every service reads its clock)
 * forward by a fixed offset, so that a service's own jobs see a later day (a due date or a
 * validity can never be set in the past through the APIs). `Date.now()` stays true: Kafka refuses
 * records whose timestamps (kafkajs takes them from `Date.now()`) lie far in the future.
 */
function clockShiftPreload(offsetMs: number): string {
  const source = [
    `const offset = ${Math.trunc(offsetMs)};`,
    'const RealDate = globalThis.Date;',
    'class ShiftedDate extends RealDate {',
    '  constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }',
    '}',
    'globalThis.Date = ShiftedDate;',
  ].join('\n');
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

export class Platform {
  readonly auth: TestAuth;
  private readonly infra = testInfrastructure('e2e');
  private readonly running = new Map<ServiceName, Running>();
  private readonly logs: string[] = [];
  private readonly secrets: Record<string, string>;

  private constructor(
    auth: TestAuth,
    private readonly options: PlatformOptions,
  ) {
    this.auth = auth;
    const key = () => randomBytes(32).toString('base64');
    // One key ring per service would do as well; the services never read each other's data.
    this.secrets = { FIELD_KEYS: `e2e1:${key()}`, FIELD_KEY_CURRENT: 'e2e1', HASH_KEY: key() };
  }

  /** Creates the topics, then starts the four services at once and waits until each is ready. */
  static async start(options: PlatformOptions): Promise<Platform> {
    const platform = new Platform(await createTestAuth(), options);
    const kafka = createKafka({
      clientId: 'e2e-harness',
      brokers: platform.infra.kafkaBrokers,
      logger: pino({ level: 'silent' }),
    });
    // Created once here, so that four services starting together do not race to create them.
    await ensureTopics(kafka, { prefix: platform.infra.topicPrefix, partitions: options.partitions ?? 2 });
    await Promise.all(serviceNames.map((name) => platform.launch(name)));
    return platform;
  }

  url(name: ServiceName): string {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return `http://127.0.0.1:${service.port}`;
  }

  /** Everything the services printed, for a failing test's report (the tail, when long). */
  output(): string {
    const all = this.logs.join('');
    return all.length > outputLimit ? all.slice(-outputLimit) : all;
  }

  /** Stops one service (SIGTERM, as an orchestrator would) and starts it again, its clock moved. */
  async restart(name: ServiceName, { clockOffsetMs = 0 } = {}): Promise<void> {
    await this.stopOne(name);
    await this.launch(name, clockOffsetMs);
  }

  async stop(): Promise<void> {
    await Promise.all(serviceNames.map((name) => this.stopOne(name)));
    const client = new MongoClient(this.infra.mongoUrl);
    try {
      await client.connect();
      for (const name of serviceNames) await client.db(this.dbName(name)).dropDatabase();
    } catch {
      // Leftover databases carry a unique name; they never disturb a later run.
    } finally {
      await client.close();
    }
  }

  private dbName(name: ServiceName): string {
    return `${this.infra.dbName}_${name.split('-')[0]}`;
  }

  private async launch(name: ServiceName, clockOffsetMs = 0): Promise<void> {
    const port = await freePort();
    const cwd = fileURLToPath(new URL(`../../../services/${name}/`, import.meta.url));
    const preload = clockOffsetMs === 0 ? [] : ['--import', clockShiftPreload(clockOffsetMs)];
    const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'src/main.ts'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        SERVICE_NAME: name,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MONGO_URL: this.infra.mongoUrl,
        MONGO_DB: this.dbName(name),
        KAFKA_BROKERS: this.infra.kafkaBrokers.join(','),
        TOPIC_PREFIX: this.infra.topicPrefix,
        TOPIC_PARTITIONS: String(this.options.partitions ?? 2),
        ...this.auth.env,
        ...this.secrets,
        ...this.options.env[name],
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const record = (chunk: Buffer) => this.logs.push(`[${name}] ${chunk.toString()}`);
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(name, { child, port, exited });
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`${name} exited with ${child.exitCode}:\n${this.output().slice(-3000)}`);
        }
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (response.status !== 200) throw new Error(`${name} is not ready: ${response.status}`);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  }

  private async stopOne(name: ServiceName): Promise<void> {
    const service = this.running.get(name);
    if (!service) return;
    this.running.delete(name);
    if (service.child.exitCode !== null) return;
    service.child.kill('SIGTERM');
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 20_000);
    await service.exited;
    clearTimeout(timer);
  }
}

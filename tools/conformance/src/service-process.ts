// One Kelisim service as a separate process (its own `src/main.ts`, as production runs it), for
// tests that must see what a client sees: the OpenAPI document, status codes, and the process's
// own memory. Unlike the e2e platform harness it exposes the database name (the state probe reads
// it) and the process id (the overload test samples its RSS).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import type { TestAuth } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { MongoClient } from 'mongodb';

export const serviceNames = [
  'case-intake',
  'mediator-training',
  'regional-monitoring',
  'notifications',
] as const;
export type ServiceName = (typeof serviceNames)[number];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type ServiceProcessOptions = {
  name: ServiceName;
  infra: TestInfrastructure;
  auth: TestAuth;
  /** Variables beyond the shared ones. */
  env?: Record<string, string>;
};

export class ServiceProcess {
  private output = '';

  private constructor(
    readonly name: ServiceName,
    readonly url: string,
    readonly mongoUrl: string,
    readonly dbName: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start({ name, infra, auth, env = {} }: ServiceProcessOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const key = () => randomBytes(32).toString('base64');
    const dbName = `${infra.dbName}_${name.split('-')[0]}`;
    const cwd = fileURLToPath(new URL(`../../../services/${name}/`, import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        SERVICE_NAME: name,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MONGO_URL: infra.mongoUrl,
        MONGO_DB: dbName,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        TOPIC_PREFIX: infra.topicPrefix,
        TOPIC_PARTITIONS: '2',
        FIELD_KEYS: `conf1:${key()}`,
        FIELD_KEY_CURRENT: 'conf1',
        HASH_KEY: key(),
        ...auth.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const service = new ServiceProcess(
      name,
      `http://127.0.0.1:${port}`,
      infra.mongoUrl,
      dbName,
      child,
      exited,
    );
    const record = (chunk: Buffer) => {
      service.output = (service.output + chunk.toString()).slice(-50_000);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited:\n${service.output.slice(-3000)}`);
        const response = await fetch(`${service.url}/readyz`);
        if (response.status !== 200) throw new Error(`${name} is not ready: ${response.status}`);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    return service;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The process's resident set size in bytes, from /proc (Linux, where CI runs). */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return Number(kb ?? 0) * 1024;
  }

  /** The tail of what the service printed, for a failing test's message. */
  logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(timer);
    }
    const client = new MongoClient(this.mongoUrl);
    try {
      await client.connect();
      await client.db(this.dbName).dropDatabase();
    } catch {
      // A leftover database carries a unique name; it never disturbs a later run.
    } finally {
      await client.close();
    }
  }
}

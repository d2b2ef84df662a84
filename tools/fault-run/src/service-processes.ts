// The four services as separate processes (each its own `src/main.ts` and database, as in
// production; adapted from tools/e2e's harness), under the run's control: killed with any
// signal, paused and resumed, restarted on the same port so that clients keep their address.
// Their output goes to one log file per service, across restarts: the books read it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './own-infra.ts';

export const serviceNames = [
  'case-intake',
  'mediator-training',
  'regional-monitoring',
  'notifications',
] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Which service's consumer group reads which family (see each service's events/ folder). */
export const consumersOf: Record<'cases' | 'mediators' | 'monitoring', ServiceName[]> = {
  cases: ['mediator-training', 'regional-monitoring', 'notifications'],
  mediators: ['case-intake', 'notifications'],
  monitoring: ['regional-monitoring', 'notifications'],
};

export type ServicesOptions = {
  repo: string;
  logDir: string;
  mongoUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  dbPrefix: string;
  partitions: number;
  authEnv: Record<string, string>;
  env?: Partial<Record<ServiceName, Record<string, string>>>;
};

type Running = { child: ChildProcess; exited: Promise<number | null> };

export class ServiceProcesses {
  private readonly ports = new Map<ServiceName, number>();
  private readonly running = new Map<ServiceName, Running>();
  private readonly logs = new Map<ServiceName, WriteStream>();
  private readonly secrets: Record<string, string>;
  /** Starts per service, for the summary: a kill or a stop followed by a start counts one. */
  readonly starts: Record<ServiceName, number> = {
    'case-intake': 0,
    'mediator-training': 0,
    'regional-monitoring': 0,
    notifications: 0,
  };

  /** Exits the run did not cause. */
  readonly crashes: { service: ServiceName; code: number | null; at: string }[] = [];
  private closing = false;

  constructor(private readonly options: ServicesOptions) {
    const key = () => randomBytes(32).toString('base64');
    this.secrets = { FIELD_KEYS: `fr1:${key()}`, FIELD_KEY_CURRENT: 'fr1', HASH_KEY: key() };
  }

  dbName(name: ServiceName): string {
    return `${this.options.dbPrefix}_${name.split('-')[0]}`;
  }

  logFile(name: ServiceName): string {
    return join(this.options.logDir, `${name}.log`);
  }

  url(name: ServiceName): string {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`${name} was never started`);
    return `http://127.0.0.1:${port}`;
  }

  /** The operating-system process id of a running service (the cost benchmark samples it). */
  pid(name: ServiceName): number | undefined {
    return this.running.get(name)?.child.pid;
  }

  async startAll(): Promise<void> {
    await Promise.all(serviceNames.map((name) => this.start(name)));
  }

  async start(name: ServiceName): Promise<void> {
    if (!this.ports.has(name)) this.ports.set(name, await freePort());
    const port = this.ports.get(name) as number;
    let log = this.logs.get(name);
    if (!log) {
      log = createWriteStream(this.logFile(name), { flags: 'a' });
      this.logs.set(name, log);
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(this.options.repo, 'services', name),
      env: {
        PATH: process.env.PATH,
        SERVICE_NAME: name,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MONGO_URL: this.options.mongoUrl,
        MONGO_DB: this.dbName(name),
        KAFKA_BROKERS: this.options.kafkaBrokers.join(','),
        TOPIC_PREFIX: this.options.topicPrefix,
        TOPIC_PARTITIONS: String(this.options.partitions),
        // The services' slow-command log, for finding what grows slower with the data.
        SLOW_COMMAND_MS: process.env.SLOW_COMMAND_MS ?? '',
        // Node flags for the services only, e.g. `--heapsnapshot-signal=SIGUSR2` to look at a heap.
        NODE_OPTIONS: process.env.SERVICE_NODE_OPTIONS ?? '',
        ...this.options.authEnv,
        ...this.secrets,
        ...this.options.env?.[name],
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running = { child, exited };
    this.running.set(name, running);
    // An exit the run did not cause is a crash: counted, and the service started again.
    void exited.then(async (code) => {
      if (this.running.get(name) !== running || this.closing) return;
      this.running.delete(name);
      this.crashes.push({ service: name, code, at: new Date().toISOString() });
      await sleep(1_000);
      if (!this.closing) await this.start(name).catch(() => {});
    });
    this.starts[name] += 1;
    await this.waitReady(name, child);
  }

  /**
   * Sends a signal; for SIGKILL and SIGTERM, waits until the process is gone. A paused process
   * is let run after SIGTERM, or it could never shut down.
   */
  async signal(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    service.child.kill(signal);
    if (signal === 'SIGTERM') service.child.kill('SIGCONT');
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM') return;
    this.running.delete(name);
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 30_000);
    await service.exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.running.keys()].map((name) => this.signal(name, 'SIGTERM')));
    for (const log of this.logs.values()) log.end();
  }

  private async waitReady(name: ServiceName, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
      try {
        const response = await fetch(`${this.url(name)}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    throw new Error(`${name} not ready after 180 s (see ${this.logFile(name)})`);
  }
}

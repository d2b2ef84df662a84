// The four services as separate processes (the launcher's, each its own database, as in
// production), under the run's control: killed with any signal, paused and resumed, restarted on
// the same port so that clients keep their address.
// Their output goes to one log file per service, across restarts: the books read it afterwards.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  runSecrets,
  type ServiceName,
  ServiceProcess,
  serviceNames,
  wiringEnv,
} from '@kelisim/launcher/service-process';

/** Which service's consumer group reads which family (see each service's events/ folder). */
export const consumersOf: Record<'cases' | 'mediators' | 'monitoring', ServiceName[]> = {
  cases: ['mediator-training', 'regional-monitoring', 'notifications'],
  mediators: ['case-intake', 'regional-monitoring', 'notifications'],
  monitoring: ['regional-monitoring', 'notifications'],
};

export type ServicesOptions = {
  logDir: string;
  mongoUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  dbPrefix: string;
  partitions: number;
  authEnv: Record<string, string>;
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /**
   * One of several instances of each service (the scale runs): its own log files and ports, the
   * same databases, topics and consumer groups as the others.
   */
  instance?: string;
  /** The field and hash keys, shared by every instance of a service (they read each other's data). */
  secrets?: Record<string, string>;
};

export class ServiceProcesses {
  private readonly ports = new Map<ServiceName, number>();
  private readonly running = new Map<ServiceName, ServiceProcess>();
  private readonly logs = new Map<ServiceName, WriteStream>();
  readonly secrets: Record<string, string>;
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
    this.secrets = options.secrets ?? runSecrets('fr1');
  }

  dbName(name: ServiceName): string {
    return `${this.options.dbPrefix}_${name.split('-')[0]}`;
  }

  logFile(name: ServiceName): string {
    const suffix = this.options.instance === undefined ? '' : `-${this.options.instance}`;
    return join(this.options.logDir, `${name}${suffix}.log`);
  }

  url(name: ServiceName): string {
    const port = this.ports.get(name);
    if (port === undefined) throw new Error(`${name} was never started`);
    return `http://127.0.0.1:${port}`;
  }

  /** The operating-system process id of a running service (the cost benchmark samples it). */
  pid(name: ServiceName): number | undefined {
    return this.running.get(name)?.pid;
  }

  async startAll(): Promise<void> {
    // Every port first: case-intake is told where mediator-training answers (the names it prints).
    for (const name of serviceNames) if (!this.ports.has(name)) this.ports.set(name, await freePort());
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
    const wiring = {
      mongoUrl: this.options.mongoUrl,
      dbName: this.dbName(name),
      kafkaBrokers: this.options.kafkaBrokers,
      topicPrefix: this.options.topicPrefix,
      partitions: this.options.partitions,
    };
    const service = ServiceProcess.spawn({
      name,
      port,
      env: {
        ...wiringEnv(wiring),
        // The services' slow-command log, for finding what grows slower with the data.
        SLOW_COMMAND_MS: process.env.SLOW_COMMAND_MS ?? '',
        // Node flags for the services only, e.g. `--heapsnapshot-signal=SIGUSR2` to look at a heap.
        NODE_OPTIONS: process.env.SERVICE_NODE_OPTIONS ?? '',
        ...this.options.authEnv,
        ...this.secrets,
        ...(name === 'case-intake' && this.ports.has('mediator-training')
          ? { MEDIATOR_TRAINING_URL: this.url('mediator-training') }
          : {}),
        ...this.options.env?.[name],
      },
      onOutput: (chunk) => log.write(chunk),
    });
    this.running.set(name, service);
    // An exit the run did not cause is a crash: counted, and the service started again.
    void service.exited.then(async (code) => {
      if (this.running.get(name) !== service || this.closing) return;
      this.running.delete(name);
      this.crashes.push({ service: name, code, at: new Date().toISOString() });
      await sleep(1_000);
      if (!this.closing) await this.start(name).catch(() => {});
    });
    this.starts[name] += 1;
    await service.waitReady({ timeoutMs: 180_000 });
  }

  /**
   * Sends a signal; for SIGKILL and SIGTERM, waits until the process is gone. A paused process
   * is let run after SIGTERM, or it could never shut down.
   */
  async signal(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM') {
      service.kill(signal);
      return;
    }
    this.running.delete(name);
    await service.stop({ signal, graceMs: 30_000 });
  }

  async stopAll(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.running.keys()].map((name) => this.signal(name, 'SIGTERM')));
    for (const log of this.logs.values()) log.end();
  }
}

// The whole platform for one test file, as it runs in production: the four services as separate
// processes (each its own `src/main.ts`, its own database), sharing only the real broker (a topic
// prefix of their own), FerretDB and the token issuer. Tests talk to them over HTTP only.

import {
  freePort,
  runSecrets,
  type ServiceName,
  ServiceProcess,
  serviceNames,
  wiringEnv,
} from '@kelisim/launcher/service-process';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';

export type PlatformOptions = {
  /** Per service, variables beyond the shared ones (short job intervals, deadlines). */
  env: Partial<Record<ServiceName, Record<string, string>>>;
  partitions?: number;
};

const outputLimit = 200_000;

export class Platform {
  readonly auth: TestAuth;
  private readonly infra = testInfrastructure('e2e');
  private readonly running = new Map<ServiceName, ServiceProcess>();
  private readonly replicas = new Set<ServiceProcess>();
  private readonly logs: string[] = [];
  private readonly secrets: Record<string, string>;
  /** Each service's port, chosen before any starts, so that one may be told where another is. */
  private readonly ports = new Map<ServiceName, number>();

  private constructor(
    auth: TestAuth,
    private readonly options: PlatformOptions,
  ) {
    this.auth = auth;
    // One key ring per service would do as well; the services never read each other's data.
    this.secrets = runSecrets('e2e1');
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
    for (const name of serviceNames) platform.ports.set(name, await freePort());
    // A service that does not get ready fails the start; the others are stopped, not left behind.
    const launched = await Promise.allSettled(serviceNames.map((name) => platform.launch(name)));
    const failed = launched.find((result) => result.status === 'rejected');
    if (failed) {
      await platform.stop();
      throw failed.reason;
    }
    return platform;
  }

  url(name: ServiceName): string {
    const service = this.running.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.url;
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

  /**
   * One more instance of a service, on the same database and topics, as a second replica behind a
   * balancer would be; the platform's own `url(name)` stays the first. Stopped by `stop` if the
   * test has not stopped it.
   */
  async startReplica(name: ServiceName): Promise<{ url: string; stop: () => Promise<void> }> {
    const replica = await this.spawn(name, 0, `${name}#2`);
    this.replicas.add(replica);
    return {
      url: replica.url,
      stop: async () => {
        this.replicas.delete(replica);
        await replica.stop();
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.replicas].map((replica) => replica.stop()));
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

  /** Moves a service's clock by `clockOffsetMs` (see the launcher); the flows' days pass so. */
  private async launch(name: ServiceName, clockOffsetMs = 0): Promise<void> {
    this.running.set(name, await this.spawn(name, clockOffsetMs, name, this.ports.get(name)));
  }

  /** Where a service finds the others it asks over HTTP (case-intake: mediators' names). */
  private peersOf(name: ServiceName): Record<string, string> {
    const port = this.ports.get('mediator-training');
    return name === 'case-intake' && port ? { MEDIATOR_TRAINING_URL: `http://127.0.0.1:${port}` } : {};
  }

  /** A ready process of the service; `label` marks its lines in the output. */
  private async spawn(
    name: ServiceName,
    clockOffsetMs: number,
    label: string,
    port?: number,
  ): Promise<ServiceProcess> {
    const wiring = {
      mongoUrl: this.infra.mongoUrl,
      dbName: this.dbName(name),
      kafkaBrokers: this.infra.kafkaBrokers,
      topicPrefix: this.infra.topicPrefix,
      partitions: this.options.partitions ?? 2,
    };
    const service = ServiceProcess.spawn({
      name,
      port: port ?? (await freePort()),
      clockOffsetMs,
      env: {
        ...wiringEnv(wiring),
        ...this.auth.env,
        ...this.secrets,
        ...this.peersOf(name),
        ...this.options.env[name],
      },
      onOutput: (chunk) => this.logs.push(`[${label}] ${chunk}`),
    });
    try {
      await service.waitReady();
    } catch (error) {
      await service.stop({ graceMs: 5_000 });
      throw error;
    }
    return service;
  }

  private async stopOne(name: ServiceName): Promise<void> {
    const service = this.running.get(name);
    if (!service) return;
    this.running.delete(name);
    await service.stop();
  }
}

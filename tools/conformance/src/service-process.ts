// One Kelisim service as a separate process (the launcher's, as production runs it), for tests
// that must see what a client sees: the OpenAPI document, status codes, and the process's own
// memory. It carries the database name (the state probe reads it) and drops that database when
// stopped.

import {
  freePort,
  ServiceProcess as Launched,
  runSecrets,
  type ServiceName,
  wiringEnv,
} from '@kelisim/launcher/service-process';
import type { TestInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import type { TestAuth } from '@kelisim/service-kit/testing/tokens';
import { MongoClient } from 'mongodb';

export type ServiceProcessOptions = {
  name: ServiceName;
  infra: TestInfrastructure;
  auth: TestAuth;
  /** Variables beyond the shared ones. */
  env?: Record<string, string>;
};

export class ServiceProcess {
  private constructor(
    readonly name: ServiceName,
    readonly mongoUrl: string,
    readonly dbName: string,
    private readonly process: Launched,
  ) {}

  static async start({ name, infra, auth, env = {} }: ServiceProcessOptions): Promise<ServiceProcess> {
    const dbName = `${infra.dbName}_${name.split('-')[0]}`;
    const wiring = {
      mongoUrl: infra.mongoUrl,
      dbName,
      kafkaBrokers: infra.kafkaBrokers,
      topicPrefix: infra.topicPrefix,
      partitions: 2,
    };
    const launched = await Launched.start({
      name,
      port: await freePort(),
      env: { ...wiringEnv(wiring), ...runSecrets('conf1'), ...auth.env, ...env },
    });
    return new ServiceProcess(name, infra.mongoUrl, dbName, launched);
  }

  get url(): string {
    return this.process.url;
  }

  get pid(): number {
    return this.process.pid;
  }

  get alive(): boolean {
    return this.process.alive;
  }

  rssBytes(): number {
    return this.process.rssBytes();
  }

  logs(): string {
    return this.process.logs();
  }

  async stop(): Promise<void> {
    await this.process.stop();
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

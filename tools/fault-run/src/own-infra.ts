// The run's own Kafka broker, FerretDB and its PostgreSQL cluster, started by infra/local/infra.sh with a data dir and
// ports of their own, so that the run may stop and restart them without disturbing anyone else.
// The downloaded jars and the built FerretDB binary come from the shared cache (the default
// infra dir): nothing is rebuilt per run.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@kelisim/launcher/service-process';

export type InfraPart = 'kafka' | 'ferretdb';

export type InfraPorts = {
  kafka: number;
  controller: number;
  mongo: number;
  postgres: number;
  /** A three-node Kafka cluster (KELISIM_KAFKA_BROKERS=3) instead of the single broker. */
  cluster?: { kafka: number[]; controller: number[] };
};

export class OwnInfra {
  readonly kafkaBrokers: string[];
  readonly mongoUrl: string;

  constructor(
    private readonly repo: string,
    readonly dir: string,
    readonly ports: InfraPorts,
  ) {
    this.kafkaBrokers = (ports.cluster?.kafka ?? [ports.kafka]).map((port) => `127.0.0.1:${port}`);
    this.mongoUrl = `mongodb://127.0.0.1:${ports.mongo}`;
    mkdirSync(dir, { recursive: true });
  }

  static async create(
    repo: string,
    dir: string,
    { kafkaNodes = 1 }: { kafkaNodes?: 1 | 3 } = {},
  ): Promise<OwnInfra> {
    const ports: InfraPorts = {
      kafka: await freePort(),
      controller: await freePort(),
      mongo: await freePort(),
      postgres: await freePort(),
    };
    if (kafkaNodes === 3) {
      const three = async () => [await freePort(), await freePort(), await freePort()];
      ports.cluster = { kafka: await three(), controller: await three() };
    }
    return new OwnInfra(repo, dir, ports);
  }

  /** The process id of a node of the three-node cluster (1, 2 or 3), read from its pid file. */
  kafkaNodePid(node: number): number {
    return Number(readFileSync(join(this.dir, 'kafka-cluster', `node-${node}`, 'kafka.pid'), 'utf8').trim());
  }

  /** Starts what is not running: a killed cluster node comes back, the others are left alone. */
  startMissing(part: InfraPart): Promise<void> {
    return this.infra('start', part);
  }

  start(): Promise<void> {
    return this.infra('start', 'all');
  }

  /** An orderly stop (SIGTERM, as infra.sh does) and a start of one part. */
  restart(part: InfraPart): Promise<void> {
    return this.infra('restart', part);
  }

  stop(): Promise<void> {
    return this.infra('stop', 'all');
  }

  /** The environment under which infra/local/infra.sh (and the operator's scripts) see this infra. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KELISIM_INFRA_DIR: this.dir,
      KELISIM_INFRA_CACHE_DIR: process.env.KELISIM_INFRA_CACHE_DIR ?? join(this.repo, '.infra'),
      KELISIM_KAFKA_PORT: String(this.ports.kafka),
      KELISIM_KAFKA_CONTROLLER_PORT: String(this.ports.controller),
      KELISIM_MONGO_PORT: String(this.ports.mongo),
      KELISIM_POSTGRES_PORT: String(this.ports.postgres),
      ...(this.ports.cluster
        ? {
            KELISIM_KAFKA_BROKERS: '3',
            KELISIM_KAFKA_PORTS: this.ports.cluster.kafka.join(','),
            KELISIM_KAFKA_CONTROLLER_PORTS: this.ports.cluster.controller.join(','),
          }
        : { KELISIM_KAFKA_BROKERS: '1' }),
    };
  }

  private infra(command: string, part: InfraPart | 'all'): Promise<void> {
    const log = join(this.dir, 'infra.log');
    return new Promise((resolve, reject) => {
      const child = spawn('bash', [join(this.repo, 'infra/local/infra.sh'), command, part], {
        env: this.env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output += chunk.toString();
        appendFileSync(log, chunk);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`infra.sh ${command} ${part} failed (${code}):\n${output.slice(-3000)}`));
      });
    });
  }
}

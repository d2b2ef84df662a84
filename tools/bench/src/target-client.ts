// The runner's handle on the services' process: forks target/main.ts (under the same tsx loader,
// optionally with `--cpu-prof`), waits for its ports and token, and asks it to drain the relay,
// list case ids, report its CPU and memory, or stop.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TargetMessage, TargetReady, TargetRequest, TargetUsage } from './target/protocol.ts';

export type TargetOptions = {
  mongoUrl: string;
  dbName: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  region: string;
  /** A directory to write a CPU profile of the services' process into. */
  cpuProfileDir?: string | undefined;
  /** Where spans go (tracing on); none: tracing off, whatever the runner's environment says. */
  otlpEndpoint?: string;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class Target {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: TargetReady,
  ) {
    child.on('message', (message: TargetMessage) => {
      if (message.type !== 'reply') return;
      this.pending.get(message.id)?.resolve(message.value);
      this.pending.delete(message.id);
    });
    child.on('exit', () => {
      for (const pending of this.pending.values()) pending.reject(new Error('the services process exited'));
      this.pending.clear();
    });
  }

  static async start(options: TargetOptions): Promise<Target> {
    const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
    const child = fork(fileURLToPath(new URL('./target/main.ts', import.meta.url)), [], {
      execArgv: [...process.execArgv, '--expose-gc', ...profile],
      env: {
        ...process.env,
        BENCH_MONGO_URL: options.mongoUrl,
        BENCH_MONGO_DB: options.dbName,
        BENCH_KAFKA_BROKERS: options.kafkaBrokers.join(','),
        BENCH_TOPIC_PREFIX: options.topicPrefix,
        BENCH_REGION: options.region,
        OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint ?? '',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<TargetReady>((resolve, reject) => {
      child.on('message', (message: TargetMessage) => {
        if (message.type === 'ready') resolve(message);
      });
      child.once('exit', (code) => reject(new Error(`the services process exited during startup (${code})`)));
    });
    return new Target(child, ready);
  }

  private ask<T>(request: Omit<TargetRequest, 'id'> & { type: TargetRequest['type'] }): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...request, id });
    });
  }

  /** Waits until the outbox relay has published every commit; answers how many are left. */
  drain(): Promise<number> {
    return this.ask({ type: 'drain' });
  }

  caseIds(limit: number): Promise<string[]> {
    return this.ask({ type: 'case-ids', limit } as never);
  }

  /** Copies API-registered cases under new ids into the read model; answers how many. */
  cloneCases(count: number): Promise<number> {
    return this.ask({ type: 'clone-cases', count } as never);
  }

  usage(): Promise<TargetUsage> {
    return this.ask({ type: 'usage' });
  }

  /** Closes the apps and connections, drops the database and waits for the process to end. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    await this.ask({ type: 'stop' }).catch(() => {});
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

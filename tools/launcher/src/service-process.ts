// One Kelisim service as a process of its own, started as production starts it: its directory's
// `src/main.ts` under tsx, configured only through its environment. Every tool that runs services
// as separate processes starts them here (`npm start`, the end-to-end tests, conformance, the
// fault runs, the benchmarks' platform cost), so a change to how a service starts is made once.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The four services that own data; the console (services/console) is started by name too. */
export const serviceNames = [
  'case-intake',
  'mediator-training',
  'regional-monitoring',
  'notifications',
] as const;
export type ServiceName = (typeof serviceNames)[number];

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** A field-encryption key ring and a hash key of their own, made for one run. */
export function runSecrets(keyId: string): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  return { FIELD_KEYS: `${keyId}:${key()}`, FIELD_KEY_CURRENT: keyId, HASH_KEY: key() };
}

/** Where a service finds its database and broker. */
export type Wiring = {
  mongoUrl: string;
  dbName: string;
  kafkaBrokers: string[];
  /** Topics of their own on a shared broker (tests, runs); none in development. */
  topicPrefix?: string;
  partitions?: number;
};

export function wiringEnv(wiring: Wiring): Record<string, string> {
  return {
    MONGO_URL: wiring.mongoUrl,
    MONGO_DB: wiring.dbName,
    KAFKA_BROKERS: wiring.kafkaBrokers.join(','),
    ...(wiring.topicPrefix === undefined ? {} : { TOPIC_PREFIX: wiring.topicPrefix }),
    ...(wiring.partitions === undefined ? {} : { TOPIC_PARTITIONS: String(wiring.partitions) }),
  };
}

export type LaunchOptions = {
  /** The service's directory under services/. */
  name: string;
  port: number;
  /** Variables beyond SERVICE_NAME, HOST, PORT and LOG_LEVEL=warn, which they may override. */
  env: Record<string, string>;
  /**
   * The whole environment of this process under `env` (npm start: what the developer exported
   * reaches the services). Otherwise only PATH, so that a test's services see what it set.
   */
  inheritEnv?: boolean;
  /**
   * Moves `new Date()` (how every service reads its clock) forward, so that a service's own jobs
   * see a later day: a due date or a validity can never be set in the past through the APIs.
   */
  clockOffsetMs?: number;
  /** Everything the process prints, as it comes. */
  onOutput?: (chunk: string) => void;
  /** A directory other than services/<name> (the launcher's own tests). */
  dir?: string;
};

/** What the last failure message carries of a service's output. */
const tailLimit = 50_000;

export class ServiceProcess {
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  private tail = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Spawns the service; `waitReady` tells when it answers. */
  static spawn(options: LaunchOptions): ServiceProcess {
    const { name, port, clockOffsetMs = 0 } = options;
    const preload = clockOffsetMs === 0 ? [] : ['--import', clockShiftPreload(clockOffsetMs)];
    const base = options.inheritEnv ? process.env : { PATH: process.env.PATH };
    const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'src/main.ts'], {
      cwd: options.dir ?? join(repoRoot, 'services', name),
      env: {
        ...base,
        SERVICE_NAME: name,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, port, child);
    const record = (chunk: Buffer) => {
      const text = chunk.toString();
      service.tail = (service.tail + text).slice(-tailLimit);
      options.onOutput?.(text);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    return service;
  }

  /** Spawns the service and waits until it is ready. */
  static async start(options: LaunchOptions & ReadyOptions): Promise<ServiceProcess> {
    const service = ServiceProcess.spawn(options);
    try {
      await service.waitReady(options);
    } catch (error) {
      await service.stop({ graceMs: 5_000 });
      throw error;
    }
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls the readiness endpoint; fails with the tail of the output when the process exits. */
  async waitReady({ path = '/readyz', timeoutMs = 90_000 }: ReadyOptions = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.alive) {
        throw new Error(
          `${this.name} exited with ${this.child.exitCode ?? this.child.signalCode}:\n${this.logs().slice(-3000)}`,
        );
      }
      try {
        const response = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        last = `status ${response.status}`;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    throw new Error(
      `${this.name} not ready after ${timeoutMs / 1000} s (${last}):\n${this.logs().slice(-3000)}`,
    );
  }

  /** Sends a signal and returns (SIGSTOP and SIGCONT pause and resume it). */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /**
   * Ends the process and waits until it is gone: SIGTERM (its orderly shutdown; a paused process
   * is let run, or it could never shut down), SIGKILL after `graceMs`.
   */
  async stop({ signal = 'SIGTERM', graceMs = 20_000 }: StopOptions = {}): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    if (signal === 'SIGTERM') this.child.kill('SIGCONT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The process's resident set size in bytes, from /proc (Linux, where CI runs). */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return Number(kb ?? 0) * 1024;
  }

  /** The tail of what the service printed, for a failing test's message. */
  logs(): string {
    return this.tail;
  }
}

export type ReadyOptions = { path?: string; timeoutMs?: number };
export type StopOptions = { signal?: 'SIGTERM' | 'SIGKILL'; graceMs?: number };

/**
 * A preload that replaces `Date` with one whose `new Date()` is `offsetMs` later. `Date.now()`
 * stays true: Kafka refuses records whose timestamps (kafkajs takes them from `Date.now()`) lie
 * far in the future.
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

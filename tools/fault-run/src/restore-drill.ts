// The restore drill (issue 21): on a platform of its own (OwnInfra: Kafka, FerretDB, PostgreSQL on
// spare ports), cases are registered at a steady rate while the operator's `backup` runs; the
// writes go on, the store is wiped, the operator's `restore` brings the backup back, and the
// services start again. Then the books: every registration acknowledged before the backup
// started is there, every read model is at its stream's last commit, no event id is twice on
// Kafka, and the consumer has processed every event on the bus.
// The broker is paused (SIGSTOP) around the backup, so that the backup holds outbox pointers
// whose events the relay publishes after it: the ones a restore must not publish again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventFamilies, topicName } from '@kelisim/contracts/topics';
import { createKafka, ensureTopics } from '@kelisim/service-kit/kafka';
import { consumerGroupId } from '@kelisim/service-kit/service-consumer';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { Api, Pacer } from './api.ts';
import { readTopics } from './bus-audit.ts';
import { OwnInfra } from './own-infra.ts';
import { compareReadModels, outboxesEmpty, waitUntil } from './restore-drill-books.ts';
import { type Registration, Registrations } from './restore-drill-writes.ts';
import { ServiceProcesses } from './service-processes.ts';
import { admin } from './workload.ts';

export type DrillOptions = {
  repo: string;
  dir: string;
  writesPerSecond: number;
  /** Registrations acknowledged before the broker is paused (a count: a busy machine is slow). */
  acknowledgedBeforePause: number;
  /** Seconds of writes after the broker is let go again. */
  afterSeconds: number;
  keep: boolean;
  progress: (line: string) => void;
};

/** What the operator's commands answered with --json (tools/ops/src/restore/backup-and-restore.ts). */
type BackupAnswer = { file: string; bytes: number; ms: number };
type RestoreAnswer = {
  takenAt: string;
  storeMs: number;
  relayCheckMs: number;
  rewindMs: number;
  ms: number;
  relayCheck: {
    pointers: number;
    withEvents: number;
    alreadyOnKafka: number;
    toPublish: number;
    messagesRead: number;
  };
  rewound: Array<{ group: string; topic: string; messages: number }>;
};

export type DrillReport = {
  wallMs: number;
  /** Where the time went: infra, services, writes and backup, wipe and restore, the checks. */
  phasesMs: Record<string, number>;
  backup: BackupAnswer;
  restore: RestoreAnswer;
  registrations: { acknowledgedBeforeBackup: number; acknowledgedAfterBackup: number; afterRestore: number };
  /** Acknowledged before the backup started, and not readable after the restore. */
  missing: string[];
  /** Registrations after the restore that are not readable. */
  missingAfterRestore: string[];
  streamsChecked: number;
  /** `<database>.<log>/<stream>: read model vN, last commit vM` */
  readModelMismatches: string[];
  eventsOnKafka: number;
  duplicateEventIds: string[];
  /** Registrations on the bus that the consumer has no record of having processed. */
  unprocessedByConsumer: number;
  /** `ops restore` refused while the services ran. */
  refusedWhileRunning: boolean;
  /** The run's databases (PostgreSQL schemas) in the store before and after the wipe. */
  schemas: { beforeWipe: number; afterWipe: number };
};

/** Runs a command to its end; its last line of output is its answer. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${err.slice(-3000)}`));
    });
  });
}

export async function restoreDrill(options: DrillOptions): Promise<DrillReport> {
  const started = Date.now();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dir = join(options.dir, runId);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const say = (line: string) =>
    options.progress(`[restore-drill ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const infra = await OwnInfra.create(options.repo, join(dir, 'infra'));
  const prefix = `rd.${runId}.`;
  const topics = eventFamilies.map((family) => topicName(prefix, family));
  const auth = await createTestAuth();
  const services = new ServiceProcesses({
    logDir: join(dir, 'logs'),
    mongoUrl: infra.mongoUrl,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix: prefix,
    dbPrefix: `rd_${runId}`,
    partitions: 2,
    authEnv: auth.env,
  });
  // The consumer (regional-monitoring reads `cases`) shows the consumer groups' rewind at work.
  const drilled = ['case-intake', 'regional-monitoring'] as const;
  const opsEnv = {
    ...infra.env(),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    TOPIC_PREFIX: prefix,
    MONGO_URL: infra.mongoUrl,
  };
  // The operator's command line as `npm run ops` runs it (tsx src/cli.ts in tools/ops), without the
  // wrapper's checks of Node and pnpm: seconds each on a busy machine, while the broker is paused.
  const ops = (...args: string[]) =>
    run(
      join(options.repo, 'tools/ops/node_modules/.bin/tsx'),
      [join(options.repo, 'tools/ops/src/cli.ts'), ...args],
      opsEnv,
    );
  const kafka = createKafka({
    clientId: 'restore-drill',
    brokers: infra.kafkaBrokers,
    logger: pino({ level: 'silent' }),
  });
  const kafkaPid = () => Number(readFileSync(join(infra.dir, 'kafka', 'kafka.pid'), 'utf8').trim());
  try {
    const phasesMs: Record<string, number> = {};
    let phaseStarted = Date.now();
    const phase = (name: string) => {
      phasesMs[name] = Date.now() - phaseStarted;
      phaseStarted = Date.now();
    };
    await infra.start();
    phase('infraStart');
    await ensureTopics(kafka, { prefix, partitions: 2 });
    say(
      `own infra: kafka ${infra.kafkaBrokers[0]}, ferretdb ${infra.mongoUrl}, postgresql :${infra.ports.postgres}`,
    );
    await Promise.all(drilled.map((name) => services.start(name)));
    phase('servicesStart');
    say('services ready; writing');

    const api = new Api(services, auth, new Pacer(options.writesPerSecond));
    const writes = new Registrations(api, 2);
    const mongo = new MongoClient(infra.mongoUrl, { serverSelectionTimeoutMS: 60_000 });
    const databases = drilled.map((name) => services.dbName(name));
    await waitUntil(
      `${options.acknowledgedBeforePause} registrations acknowledged`,
      async () => writes.all.filter((r) => r.status === 201).length >= options.acknowledgedBeforePause,
      120_000,
    );
    process.kill(kafkaPid(), 'SIGSTOP');
    const caseOutbox = mongo.db(services.dbName('case-intake')).collection('cases_outbox');
    await waitUntil('commits waiting in the outbox', async () => (await caseOutbox.countDocuments({})) >= 3);
    const backupStartedAt = Date.now();
    const backupFile = join(dir, 'drill.dump');
    const backup = JSON.parse(await ops('backup', '--out', backupFile, '--json')) as BackupAnswer;
    say(`backup: ${backup.bytes} bytes in ${backup.ms} ms (broker paused)`);
    await sleep(500);
    process.kill(kafkaPid(), 'SIGCONT');
    await sleep(options.afterSeconds * 1_000);
    await writes.stop();
    // While the relays drain, a restore is refused: the services still run.
    const [refusedWhileRunning] = await Promise.all([
      ops('restore', backupFile, '--json').then(
        () => false,
        (error: unknown) => /stop the services first/.test(String(error)),
      ),
      waitUntil('the relays drained the outboxes', async () => {
        for (const name of databases) if (!(await outboxesEmpty(mongo.db(name)))) return false;
        return true;
      }),
    ]);
    await mongo.close();
    for (const name of drilled) await services.signal(name, 'SIGTERM');
    phase('writesBackupDrain');
    say(`${writes.all.length} registrations; services stopped; wiping the store`);

    const psql = (sql: string, database = 'postgres') =>
      run(
        join(process.env.KELISIM_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin', 'psql'),
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(infra.ports.postgres),
          '-U',
          'postgres',
          '-d',
          database,
          '-v',
          'ON_ERROR_STOP=1',
          '-tAc',
          sql,
        ],
        infra.env(),
      );
    const runSchemas = async () =>
      Number(await psql(`SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rd\\_%'`, 'ferretdb'));
    const schemasBeforeWipe = await runSchemas();
    await psql('DROP DATABASE ferretdb WITH (FORCE)');
    await psql(`CREATE DATABASE ferretdb TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    // FerretDB keeps each database as a schema: none of the run's is left.
    const schemasAfterWipe = await runSchemas();

    const restore = JSON.parse(await ops('restore', backupFile, '--json')) as RestoreAnswer;
    say(
      `restore: ${restore.ms} ms (store ${restore.storeMs} ms, relay check ${restore.relayCheckMs} ms, rewind ${restore.rewindMs} ms); relay check ${JSON.stringify(restore.relayCheck)}`,
    );
    phase('wipeRestore');
    await Promise.all(drilled.map((name) => services.start(name)));
    const after = new Registrations(api, 1);
    await sleep(2_000);
    await after.stop();

    const check = new MongoClient(infra.mongoUrl, { serverSelectionTimeoutMS: 60_000 });
    try {
      await waitUntil('the relays drained the outboxes after the restore', async () => {
        for (const name of databases) if (!(await outboxesEmpty(check.db(name)))) return false;
        return true;
      });
      const eventIds = new Map<string, number>();
      const registered: string[] = [];
      const eventsOnKafka = await readTopics(kafka, topics, (message) => {
        const event = JSON.parse(message.value?.toString() ?? '{}') as { id?: string; type?: string };
        if (!event.id) return;
        eventIds.set(event.id, (eventIds.get(event.id) ?? 0) + 1);
        if (event.type === 'case.registered') registered.push(event.id);
      });
      const processed = check
        .db(services.dbName('regional-monitoring'))
        .collection<{ _id: string }>('processed_events');
      const group = consumerGroupId(prefix, 'regional-monitoring');
      let unprocessed = registered.length;
      await waitUntil(
        'the consumer processed every registration on the bus',
        async () => {
          const done = await processed.countDocuments({
            _id: { $in: registered.map((id) => `${group}:${id}`) },
          });
          unprocessed = registered.length - done;
          return unprocessed === 0;
        },
        90_000,
      ).catch(() => {});
      const acknowledged = (r: Registration) => r.status === 201 && r.caseId !== undefined;
      const before = writes.all.filter((r) => acknowledged(r) && r.answeredAt < backupStartedAt);
      const readable = async (r: Registration) =>
        (await api.call('case-intake', admin, 'GET', `/cases/${r.caseId}`)).status === 200;
      const missing: string[] = [];
      for (const r of before) if (!(await readable(r))) missing.push(r.caseId as string);
      const missingAfterRestore: string[] = [];
      for (const r of after.all.filter(acknowledged))
        if (!(await readable(r))) missingAfterRestore.push(r.caseId as string);
      const compared = await Promise.all(databases.map((name) => compareReadModels(check.db(name))));
      return {
        wallMs: Date.now() - started,
        phasesMs: { ...phasesMs, restartChecks: Date.now() - phaseStarted },
        backup,
        restore,
        registrations: {
          acknowledgedBeforeBackup: before.length,
          acknowledgedAfterBackup: writes.all.filter(
            (r) => acknowledged(r) && r.answeredAt >= backupStartedAt,
          ).length,
          afterRestore: after.all.filter(acknowledged).length,
        },
        missing,
        missingAfterRestore,
        streamsChecked: compared.reduce((sum, c) => sum + c.streams, 0),
        readModelMismatches: compared.flatMap((c) => c.mismatches),
        eventsOnKafka,
        duplicateEventIds: [...eventIds].filter(([, n]) => n > 1).map(([id]) => id),
        unprocessedByConsumer: unprocessed,
        refusedWhileRunning,
        schemas: { beforeWipe: schemasBeforeWipe, afterWipe: schemasAfterWipe },
      };
    } finally {
      await check.close();
    }
  } finally {
    try {
      process.kill(kafkaPid(), 'SIGCONT');
    } catch {}
    await services.stopAll().catch(() => {});
    await infra.stop().catch(() => {});
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

// `ops backup` and `ops restore` (docs/operations/backup-and-restore.md). PostgreSQL's own tools do
// the store's part (infra/bin/backup.sh, infra/bin/restore.sh); the restore then settles the
// store with Kafka, which a backup cannot hold: the relay check (relay-check.ts) and the consumer
// groups moved back to the backup's time (consumer-rewind.ts).
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { eventFamilies, topicName } from '@kelisim/contracts/topics';
import { createKafka } from '@kelisim/service-kit/kafka';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { pino } from 'pino';
import { groupsOn, type Rewound, rewindConsumerGroups } from './consumer-rewind.ts';
import { dropPublishedPointers, type RelayCheckReport } from './relay-check.ts';

export type Platform = { repo: string; brokers: string[]; topicPrefix: string; mongoUrl: string };

/** Clocks of the instances that wrote and published may differ by this much. */
export const clockMarginMs = 10 * 60_000;

export type BackupReport = { file: string; bytes: number; ms: number };

export type RestoreReport = {
  file: string | null;
  takenAt: string;
  /** The store's part: PostgreSQL restore and FerretDB restarted. */
  storeMs: number;
  relayCheck: RelayCheckReport;
  relayCheckMs: number;
  rewound: Rewound[];
  rewindMs: number;
  ms: number;
};

/** Runs a script of infra/bin; its last line of output is its answer, its log goes to stderr. */
function script(repo: string, name: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repo, 'infra/bin', name), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(output.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`${name} failed (exit ${code})`));
    });
  });
}

export async function backup(repo: string, out: string | undefined): Promise<BackupReport> {
  const started = Date.now();
  const file = await script(repo, 'backup.sh', out === undefined ? [] : ['--out', out]);
  const { size } = await stat(file);
  return { file, bytes: size, ms: Date.now() - started };
}

/**
 * Replaces the store by the backup (restore.sh), then settles it with Kafka. `file` undefined:
 * the store was restored by other means (point-in-time recovery of the cluster) to `takenAt`,
 * and only the settling runs.
 */
export async function restore(
  platform: Platform,
  from: { file: string } | { takenAt: Date },
): Promise<RestoreReport> {
  const started = Date.now();
  const kafka = createKafka({
    clientId: 'kelisim-ops',
    brokers: platform.brokers,
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
  const topics = eventFamilies.map((family) => topicName(platform.topicPrefix, family));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const eventTopics = topics.filter((topic) => existing.has(topic));
    // A running service would write to the store being replaced, and its relay and consumer
    // race the check and the rewind: they must all be stopped.
    const { active } = await groupsOn(admin, eventTopics);
    if (active.length > 0) {
      throw new Error(`stop the services first: consumer group(s) ${active.join(', ')} still have members`);
    }
    const takenAt =
      'file' in from ? new Date(await script(platform.repo, 'restore.sh', [from.file])) : from.takenAt;
    if (Number.isNaN(takenAt.getTime())) throw new Error('the time the backup was taken is unknown');
    const storeMs = Date.now() - started;
    const connection = await connectMongo({
      url: platform.mongoUrl,
      dbName: 'admin',
      serverSelectionTimeoutMs: 60_000,
    });
    let relayCheck: RelayCheckReport;
    const checkStarted = Date.now();
    try {
      relayCheck = await dropPublishedPointers(connection, kafka, eventTopics, clockMarginMs);
    } finally {
      await connection.close();
    }
    const relayCheckMs = Date.now() - checkStarted;
    const rewindStarted = Date.now();
    const rewound = await rewindConsumerGroups(
      admin,
      kafka,
      eventTopics,
      new Date(takenAt.getTime() - clockMarginMs),
    );
    return {
      file: 'file' in from ? from.file : null,
      takenAt: takenAt.toISOString(),
      storeMs,
      relayCheck,
      relayCheckMs,
      rewound,
      rewindMs: Date.now() - rewindStarted,
      ms: Date.now() - started,
    };
  } finally {
    await admin.disconnect();
  }
}

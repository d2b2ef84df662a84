// The operator command line (`pnpm ops <command>`): dev tokens, following a topic, inspecting and
// redriving dead letters, replaying a case's history. See cli/cli-args.ts for the grammar.
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenClaimsSchema } from '@kelisim/contracts/api/token-claims';
import { deadLetterTopicName, topicName } from '@kelisim/contracts/topics';
import { Partitioners } from 'kafkajs';
import { type Command, parseCommand, usage } from './cli/cli-args.ts';
import { deviceLogin, logout, sessionToken } from './cli/device-login.ts';
import { formatDeadLetter, formatEvent, redriveMessage } from './cli/event-format.ts';
import { follow, operatorKafka, readAll } from './cli/kafka-reader.ts';
import { DevTokens } from './dev-tokens.ts';
import { backup, restore } from './restore/backup-and-restore.ts';
import { ApiClient } from './seed/api-client.ts';

const env = process.env;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tokens = new DevTokens(env.KELISIM_DEV_KEY_DIR || join(repoRoot, '.infra/dev-keys'));
const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// The operator's own session (`ops login`), kept beside the other local state.
const sessionFile =
  env.KELISIM_OPS_SESSION_FILE || join(env.KELISIM_INFRA_DIR || join(repoRoot, '.infra'), 'ops-session.json');
const realmIssuer =
  env.KELISIM_OIDC_ISSUER ?? `http://127.0.0.1:${env.KELISIM_KEYCLOAK_PORT ?? '8180'}/realms/kelisim`;
const prefix = env.TOPIC_PREFIX ?? '';
const print = (line: string) => process.stdout.write(`${line}\n`);
// infra/bin/ops.sh runs this from the package's folder: a path the operator typed is theirs.
const callerPath = (path: string) =>
  isAbsolute(path) ? path : resolve(env.OPS_CALLER_CWD ?? env.INIT_CWD ?? process.cwd(), path);

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      print(usage);
      return 0;
    case 'login': {
      const issuer = command.issuer ?? realmIssuer;
      const session = await deviceLogin({ issuer, clientId: 'kelisim-ops', sessionFile }, print);
      print(
        `signed in at ${issuer} until ${new Date(session.expiresAt).toISOString()} (refreshed as needed)`,
      );
      return 0;
    }
    case 'logout':
      print((await logout(sessionFile)) ? 'signed out' : 'not signed in');
      return 0;
    case 'token': {
      const claims = tokenClaimsSchema.parse({
        sub: command.sub,
        roles: command.roles,
        regions: command.regions,
        groups: command.groups,
      });
      print(await tokens.token({ ...claims, expiresIn: command.expiresIn }));
      return 0;
    }
    case 'follow': {
      const topic = topicName(prefix, command.family);
      console.error(`following ${topic} (Ctrl-C stops)`);
      await follow(operatorKafka(brokers), topic, command.fromBeginning, (m) => print(formatEvent(m)));
      return 0;
    }
    case 'dlq-list': {
      const topic = deadLetterTopicName(prefix, command.family);
      const messages = await readAll(operatorKafka(brokers), topic);
      for (const message of messages) print(formatDeadLetter(message));
      print(`${messages.length} message(s) on ${topic}`);
      return 0;
    }
    case 'dlq-redrive': {
      const kafka = operatorKafka(brokers);
      const topic = deadLetterTopicName(prefix, command.family);
      const chosen = (await readAll(kafka, topic)).filter(
        (m) =>
          command.offsets.includes(m.offset) &&
          (command.partition === undefined || m.partition === command.partition),
      );
      const missing = command.offsets.filter((o) => !chosen.some((m) => m.offset === o));
      if (missing.length > 0) console.error(`not on ${topic}: offset(s) ${missing.join(', ')}`);
      const producer = kafka.producer({
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        for (const message of chosen) {
          const back = redriveMessage(message);
          await producer.send({ topic: back.topic, messages: [back.message] });
          print(`offset ${message.offset} (partition ${message.partition}) → ${back.topic}`);
        }
      } finally {
        await producer.disconnect();
      }
      return missing.length > 0 ? 1 : 0;
    }
    case 'replay': {
      // The operator's session; without one, a development token from the local key.
      const token =
        (await sessionToken(sessionFile)) ??
        (await tokens.token({ sub: 'ops-replay', roles: ['admin'], regions: ['KZ'] }));
      const api = new ApiClient(env.CASE_INTAKE_URL ?? 'http://127.0.0.1:4101');
      const history = await api.get<{
        commits: Array<{ version: number; committedAt: string; events: Array<Record<string, unknown>> }>;
      }>(`/cases/${encodeURIComponent(command.caseId)}/history`, token);
      for (const commit of history.commits) {
        print(`v${commit.version}  ${commit.committedAt}`);
        for (const event of commit.events) print(`    ${event.type}  ${JSON.stringify(event.data ?? {})}`);
      }
      return 0;
    }
    case 'backup': {
      const report = await backup(repoRoot, command.out === undefined ? undefined : callerPath(command.out));
      print(command.json ? JSON.stringify(report) : report.file);
      return 0;
    }
    case 'restore': {
      const report = await restore(
        {
          repo: repoRoot,
          brokers,
          topicPrefix: prefix,
          mongoUrl: env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/',
        },
        'file' in command.from ? { file: callerPath(command.from.file) } : command.from,
      );
      if (command.json) print(JSON.stringify(report));
      else {
        const check = report.relayCheck;
        print(
          `${report.file === null ? 'settled the store recovered' : `restored ${report.file}`} to ${report.takenAt}, in ${(report.ms / 1000).toFixed(1)} s`,
        );
        print(
          `relay check: ${check.pointers} outbox pointer(s) in the backup, ${check.alreadyOnKafka} already on Kafka (dropped), ${check.toPublish} left for the relay; ${check.messagesRead} message(s) read since ${check.since ?? '-'}`,
        );
        for (const r of report.rewound) {
          print(
            `consumer group ${r.group} on ${r.topic}: back ${r.messages} message(s) to the backup's time`,
          );
        }
        print('start the services: their relays publish what is left, their consumers catch up');
      }
      return 0;
    }
  }
}

try {
  process.exitCode = await run(parseCommand(process.argv.slice(2)));
} catch (error) {
  console.error(`ops: ${error instanceof Error ? error.message : String(error)}`);
  console.error(usage);
  process.exitCode = 2;
}

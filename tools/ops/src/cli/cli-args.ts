// The operator command line's grammar, parsed without side effects so that it can be tested.
import { parseArgs } from 'node:util';
import { type EventFamily, eventFamilies } from '@kelisim/contracts/topics';

export const usage = `Usage: pnpm ops <command>   (or pnpm --filter @kelisim/ops cli <command>)
  login [--issuer URL]                      sign in through Keycloak with the device flow (a code
                                            to type in the browser); the session is kept in
                                            .infra/ops-session.json and used by the API commands
  logout                                    end that session at Keycloak and remove the file
  token --role ROLE... --region KATO|KZ... [--sub ID] [--group ID]... [--expires-in 8h]
                                            development only: a token signed with the local key
  follow <topic> [--from-beginning]         pretty-print the events of a topic (cases, mediators, …)
  dlq list <topic>                          the dead-lettered messages of a topic, with their reasons
  dlq redrive <topic> --offset N... [--partition P]   send them back to their original topic
  replay <caseId>                           a case's history, commit by commit (case-intake's API)
  backup [--out FILE] [--json]              every service's database, one consistent snapshot
                                            (default .infra/backups/kelisim-<UTC time>.dump)
  restore FILE [--json]                     replace the store by a backup (services stopped), drop
                                            the outbox pointers Kafka already has, rewind consumers
  restore --settle-only --taken-at TIME     after a point-in-time recovery to TIME (ISO 8601): the
                                            same outbox check and rewind, the store left as it is
Environment: KAFKA_BROKERS (127.0.0.1:9092), TOPIC_PREFIX, CASE_INTAKE_URL (http://127.0.0.1:4101),
MONGO_URL (mongodb://127.0.0.1:27017/), KELISIM_POSTGRES_PORT (55432) or PGHOST, PGPORT, PGUSER.`;

export type Command =
  | { kind: 'help' }
  | { kind: 'login'; issuer: string | undefined }
  | { kind: 'logout' }
  | { kind: 'token'; sub: string; roles: string[]; regions: string[]; groups: string[]; expiresIn: string }
  | { kind: 'follow'; family: EventFamily; fromBeginning: boolean }
  | { kind: 'dlq-list'; family: EventFamily }
  | { kind: 'dlq-redrive'; family: EventFamily; offsets: string[]; partition: number | undefined }
  | { kind: 'replay'; caseId: string }
  | { kind: 'backup'; out: string | undefined; json: boolean }
  | { kind: 'restore'; from: { file: string } | { takenAt: Date }; json: boolean };

function familyOf(topic: string | undefined): EventFamily {
  const name = (topic ?? '').replace(/\.dlq$/, '');
  const family = eventFamilies.find((f) => name === f || name.endsWith(`.${f}`) || name.endsWith(f));
  if (!family) throw new Error(`unknown topic "${topic ?? ''}": one of ${eventFamilies.join(', ')}`);
  return family;
}

export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      sub: { type: 'string', default: 'ops-user' },
      role: { type: 'string', multiple: true, default: [] },
      region: { type: 'string', multiple: true, default: [] },
      group: { type: 'string', multiple: true, default: [] },
      'expires-in': { type: 'string', default: '8h' },
      'from-beginning': { type: 'boolean', default: false },
      offset: { type: 'string', multiple: true, default: [] },
      partition: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      'settle-only': { type: 'boolean', default: false },
      'taken-at': { type: 'string' },
      issuer: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, first, second] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  switch (command) {
    case 'login':
      return { kind: 'login', issuer: values.issuer };
    case 'logout':
      return { kind: 'logout' };
    case 'token':
      if (values.role.length === 0) throw new Error('token: give at least one --role');
      return {
        kind: 'token',
        sub: values.sub,
        roles: values.role,
        regions: values.region,
        groups: values.group,
        expiresIn: values['expires-in'],
      };
    case 'follow':
      return { kind: 'follow', family: familyOf(first), fromBeginning: values['from-beginning'] };
    case 'dlq':
      if (first === 'list') return { kind: 'dlq-list', family: familyOf(second) };
      if (first === 'redrive') {
        if (values.offset.length === 0) throw new Error('dlq redrive: give the --offset of each message');
        if (values.offset.some((o) => !/^\d+$/.test(o))) throw new Error('dlq redrive: offsets are numbers');
        return {
          kind: 'dlq-redrive',
          family: familyOf(second),
          offsets: values.offset,
          partition: values.partition === undefined ? undefined : Number(values.partition),
        };
      }
      throw new Error('dlq: list or redrive');
    case 'replay':
      if (!first) throw new Error('replay: give the case id');
      return { kind: 'replay', caseId: first };
    case 'backup':
      return { kind: 'backup', out: values.out, json: values.json };
    case 'restore': {
      if (values['settle-only']) {
        const takenAt = new Date(values['taken-at'] ?? '');
        if (first || Number.isNaN(takenAt.getTime()))
          throw new Error('restore --settle-only: give --taken-at (ISO 8601) and no file');
        return { kind: 'restore', from: { takenAt }, json: values.json };
      }
      if (!first) throw new Error('restore: give the backup file');
      return { kind: 'restore', from: { file: first }, json: values.json };
    }
    default:
      throw new Error(`unknown command "${command}"`);
  }
}

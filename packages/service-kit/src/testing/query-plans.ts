// The explain check of issue 21: every query a service really issues, recorded from the driver's
// command events while a test drives its routes, consumers and sweeps, is explained against the
// store, and each one a collection scan would answer is reported. Recording what runs, rather than
// a hand-kept list of queries, keeps the check honest as the stores change.
import type { Db, Document, MongoClient } from 'mongodb';

export type RecordedQuery = {
  collection: string;
  command: string;
  /** The filter with its values replaced by their types: what tells two queries apart. */
  shape: string;
  filter: Document;
  sort?: Document;
};

export type QueryRecorder = {
  queries: () => RecordedQuery[];
  stop: () => void;
};

const queryCommands = new Set([
  'find',
  'count',
  'distinct',
  'aggregate',
  'update',
  'delete',
  'findAndModify',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && value.constructor === Object;
}

/** A leaf's type, never its value (values may hold personal data). */
function shapeOf(value: unknown): unknown {
  // A list of clauses (`$and`, `$or`) keeps their shapes; a list of values is just a list.
  if (Array.isArray(value)) return value.some(isPlainObject) ? value.map(shapeOf) : '<array>';
  if (value instanceof Date) return '<date>';
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return `<${typeof value}>`;
}

/** The driver sends a sort as a Map; explain and JSON want a document. */
function plain(sort: unknown): Document | undefined {
  return sort instanceof Map ? Object.fromEntries(sort) : (sort as Document | undefined);
}

function filtersOf(name: string, command: Document): Array<{ filter: Document; sort?: Document }> {
  switch (name) {
    case 'find':
      return [{ filter: command.filter ?? {}, sort: plain(command.sort) }];
    case 'count':
    case 'distinct':
      return [{ filter: command.query ?? {} }];
    case 'findAndModify':
      return [{ filter: command.query ?? {}, sort: plain(command.sort) }];
    case 'aggregate': {
      // Only a leading $match narrows what the store reads; any other first stage reads it all.
      const first = (command.pipeline as Document[] | undefined)?.[0];
      return [{ filter: first?.$match ?? {} }];
    }
    case 'update':
      return (command.updates as Document[]).map((entry) => ({ filter: entry.q ?? {} }));
    case 'delete':
      return (command.deletes as Document[]).map((entry) => ({ filter: entry.q ?? {} }));
    default:
      return [];
  }
}

/**
 * Records the distinct queries (collection, command, filter shape) that a client made with
 * `monitorCommands` sends to database `dbName`, until `stop`.
 */
export function recordQueries(client: MongoClient, dbName: string): QueryRecorder {
  const seen = new Map<string, RecordedQuery>();
  const listener = (event: { commandName: string; databaseName: string; command: Document }) => {
    if (event.databaseName !== dbName || !queryCommands.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    if (typeof collection !== 'string') return;
    for (const { filter, sort } of filtersOf(event.commandName, event.command)) {
      const shape = JSON.stringify(shapeOf(filter));
      const key = `${collection} ${shape}${sort ? ` sort ${JSON.stringify(sort)}` : ''}`;
      if (seen.has(key)) continue;
      seen.set(key, {
        collection,
        command: event.commandName,
        shape,
        filter,
        ...(sort ? { sort } : {}),
      });
    }
  };
  client.on('commandStarted', listener);
  return {
    queries: () => [...seen.values()],
    stop: () => void client.off('commandStarted', listener),
  };
}

export type ScanReport =
  | { checked: 'postgresql' | 'mongodb'; scans: string[]; explained: number }
  | { checked: false; reason: string };

/** Why the relay may read its outbox whole: it holds only what is not published yet. */
export const outboxAllowance =
  'holds only pointers to commits not yet published, deleted as they are published (docs/adr/0004)';

type PlanNode = { 'Node Type'?: string; 'Index Name'?: string; Filter?: string; Plans?: PlanNode[] };

function planNodes(node: PlanNode | undefined): PlanNode[] {
  if (!node) return [];
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The top-level fields the pushed-down WHERE compares for equality (`=` or `@>`). */
function pushedEqualities(filter: string | undefined): string[] {
  return [...(filter ?? '').matchAll(/_jsonb -> '([^']+)'::text\) (?:=|@>) /g)].map((m) => m[1] as string);
}

/**
 * Explains each recorded query and lists those a full scan answers: on MongoDB, a winning plan with
 * a COLLSCAN; on FerretDB over PostgreSQL, a Seq Scan, unless the WHERE clause FerretDB pushed down
 * holds an equality on the leading key of one of the collection's indexes (or `_id`). That second
 * rule judges the query rather than the planner's choice: PostgreSQL reads a table of a few pages
 * whole even with a matching index (cheaper than the index there), and a test's collections are
 * that small, while the same plan at 100,000 documents goes through the index. The leading key,
 * not any key, because that is what MongoDB's compound indexes can use too.
 * `allow` names collections that stay small by design, each with the reason.
 */
export async function scanningQueries(
  db: Db,
  queries: readonly RecordedQuery[],
  allow: Readonly<Record<string, string>> = {},
): Promise<ScanReport> {
  const info = await db.admin().command({ buildInfo: 1 });
  const ferret = 'ferretdbVersion' in info;
  const leadingKeys = new Map<string, Set<string>>();
  const indexedLeads = async (collection: string) => {
    let keys = leadingKeys.get(collection);
    if (!keys) {
      const indexes = await db.collection(collection).listIndexes().toArray();
      keys = new Set(indexes.map((index) => Object.keys(index.key as Document)[0] as string));
      leadingKeys.set(collection, keys);
    }
    return keys;
  };
  const scans: string[] = [];
  let explained = 0;
  for (const query of queries) {
    if (query.collection in allow) continue;
    const explanation = await db.command({
      explain: { find: query.collection, filter: query.filter, ...(query.sort ? { sort: query.sort } : {}) },
      verbosity: 'queryPlanner',
    });
    explained += 1;
    const label = `${query.collection} ${query.command} ${query.shape}${query.sort ? ` sort ${JSON.stringify(query.sort)}` : ''}`;
    if (!ferret) {
      if (JSON.stringify(explanation.queryPlanner?.winningPlan ?? {}).includes('"COLLSCAN"')) {
        scans.push(`${label}: COLLSCAN`);
      }
      continue;
    }
    const plan = explanation.queryPlanner?.Plan as PlanNode | undefined;
    if (!plan || typeof plan !== 'object' || !('Node Type' in plan)) {
      return {
        checked: false,
        reason:
          'FerretDB on SQLite: it pushes only `_id` down, so every other filter scans there by design; ' +
          'the check vouches for the PostgreSQL store and MongoDB',
      };
    }
    const nodes = planNodes(plan);
    if (nodes.some((node) => node['Index Name'])) continue;
    const leads = await indexedLeads(query.collection);
    const answerable = nodes.some((node) =>
      pushedEqualities(node.Filter).some((field) => field === '_id' || leads.has(field)),
    );
    if (!answerable)
      scans.push(`${label}: Seq Scan${explanation.filterPushdown ? '' : ' (nothing pushed down)'}`);
  }
  return ferret ? { checked: 'postgresql', scans, explained } : { checked: 'mongodb', scans, explained };
}

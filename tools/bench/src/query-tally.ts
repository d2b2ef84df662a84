// Which queries an operation spends its database time on, and how the store answers the costliest:
// every command the driver sends while an operation is timed, tallied by its shape (the filter's
// fields and operators, values left out), and `explain` of the costliest find, aggregate or count.
// On FerretDB the explanation says whether the filter was pushed down to PostgreSQL and the plan
// PostgreSQL chose (a `Seq Scan` reads the whole collection); on MongoDB, its winning plan.
import type { Db, MongoClient } from 'mongodb';

/** A filter's shape: keys and operators kept, values replaced by `?` (a list of values is one `?`). */
export function queryShape(value: unknown): unknown {
  // The driver hands a sort over as a Map.
  if (value instanceof Map) return queryShape(Object.fromEntries(value));
  if (Array.isArray(value)) {
    return value.some((item) => isPlainObject(item)) ? value.map(queryShape) : '?';
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, queryShape(inner)]));
  }
  return '?';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export type QueryTally = {
  /** `find cases {"$and":[…]} sort {"registeredAt":"?"}` */
  shape: string;
  count: number;
  totalMs: number;
  maxMs: number;
};

export type Explained = {
  shape: string;
  /** FerretDB: the filter (and sort) answered by PostgreSQL; absent on MongoDB. */
  filterPushdown?: boolean;
  sortPushdown?: boolean;
  /** The plan's nodes, outermost first: `Bitmap Heap Scan < Bitmap Index Scan (cases_status_…)`. */
  plan: string;
};

const explainable = new Set(['find', 'aggregate', 'count']);
const ignored = new Set(['hello', 'isMaster', 'ping', 'endSessions', 'createIndexes', 'listIndexes']);
const noise = new Set([
  'lsid',
  '$clusterTime',
  '$db',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'readConcern',
]);

type Example = { dbName: string; command: Record<string, unknown> };

/** The filter a command carries, wherever its kind keeps it. */
function filterOf(command: Record<string, unknown>): unknown {
  if ('filter' in command) return command.filter;
  if ('query' in command) return command.query;
  const pipeline = command.pipeline;
  if (Array.isArray(pipeline)) return pipeline.map((stage) => Object.keys(stage as object)[0]);
  const updates = (command.updates ?? command.deletes) as { q?: unknown }[] | undefined;
  return updates?.[0]?.q;
}

/** A sort keeps its directions: `{"registeredAt":-1,"_id":-1}`. */
function sortShape(sort: unknown): unknown {
  return sort instanceof Map ? Object.fromEntries(sort) : sort;
}

function shapeOf(name: string, command: Record<string, unknown>): string {
  const collection = String(command[name]);
  const filter = JSON.stringify(queryShape(filterOf(command)) ?? {});
  const sort = command.sort ? ` sort ${JSON.stringify(sortShape(command.sort))}` : '';
  return `${name} ${collection} ${filter}${sort}`;
}

/** Tallies commands into whichever operation is current; `take` answers and resets them. */
export class QueryTallies {
  private current = new Map<string, QueryTally>();
  private readonly examples = new Map<string, Example>();

  watch(client: MongoClient): void {
    const started = new Map<number, string>();
    client.on('commandStarted', (event) => {
      if (ignored.has(event.commandName)) return;
      const shape = shapeOf(event.commandName, event.command as Record<string, unknown>);
      started.set(event.requestId, shape);
      if (explainable.has(event.commandName) && !this.examples.has(shape)) {
        const command = Object.fromEntries(
          Object.entries(event.command as Record<string, unknown>).filter(([key]) => !noise.has(key)),
        );
        this.examples.set(shape, { dbName: event.databaseName, command });
      }
    });
    const finished = (event: { requestId: number; duration: number }) => {
      const shape = started.get(event.requestId);
      started.delete(event.requestId);
      if (!shape) return;
      const tally = this.current.get(shape) ?? { shape, count: 0, totalMs: 0, maxMs: 0 };
      tally.count += 1;
      tally.totalMs += event.duration;
      tally.maxMs = Math.max(tally.maxMs, event.duration);
      this.current.set(shape, tally);
    };
    client.on('commandSucceeded', finished);
    client.on('commandFailed', finished);
  }

  /** The commands since the last `take`, costliest first. */
  take(): QueryTally[] {
    const tallies = [...this.current.values()].sort((a, b) => b.totalMs - a.totalMs);
    this.current = new Map();
    return tallies;
  }

  /** `explain` of the costliest explainable command among `tallies`, on the database it ran on. */
  async explainCostliest(
    tallies: readonly QueryTally[],
    dbOf: (name: string) => Db,
  ): Promise<Explained | null> {
    const costliest = tallies.find((tally) => this.examples.has(tally.shape));
    const example = costliest && this.examples.get(costliest.shape);
    if (!costliest || !example) return null;
    const answer = await dbOf(example.dbName).command({
      explain: example.command,
      verbosity: 'queryPlanner',
    });
    return { shape: costliest.shape, ...describePlan(answer) };
  }
}

type PlanNode = {
  'Node Type'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  stage?: string;
  indexName?: string;
  inputStage?: PlanNode;
  inputStages?: PlanNode[];
};

/** FerretDB's pushdown flags and PostgreSQL's plan, or MongoDB's winning plan, in one line. */
export function describePlan(answer: Record<string, unknown>): Omit<Explained, 'shape'> {
  const planner = (answer.queryPlanner ?? {}) as { Plan?: PlanNode; winningPlan?: PlanNode };
  const nodes: string[] = [];
  const walk = (node: PlanNode | undefined) => {
    if (!node) return;
    const type = node['Node Type'] ?? node.stage;
    const index = node['Index Name'] ?? node.indexName;
    if (type) nodes.push(index ? `${type} (${index})` : type);
    for (const child of [...(node.Plans ?? []), ...(node.inputStages ?? []), node.inputStage]) walk(child);
  };
  walk(planner.Plan ?? planner.winningPlan);
  return {
    ...(typeof answer.filterPushdown === 'boolean' ? { filterPushdown: answer.filterPushdown } : {}),
    ...(typeof answer.sortPushdown === 'boolean' ? { sortPushdown: answer.sortPushdown } : {}),
    plan: nodes.join(' < ') || 'unknown',
  };
}

/**
 * Headers and cells for `formatTable`: per operation, its costliest query at one size, how often
 * it ran and its mean time per call, and how the store answered it.
 */
export function costliestTable(
  entries: readonly { op: string; runs: number; top: readonly QueryTally[]; explained: Explained | null }[],
): { headers: string[]; cells: string[][] } {
  const headers = [
    'operation',
    'costliest query (values left out)',
    'calls/run',
    'ms/call',
    'share',
    'store',
  ];
  const cells = entries.map(({ op, runs, top, explained }) => {
    const costliest = top[0];
    if (!costliest) return [op, '(no database command)', '', '', '', ''];
    const all = top.reduce((sum, tally) => sum + tally.totalMs, 0);
    const pushdown =
      explained?.filterPushdown === undefined
        ? ''
        : `filter ${explained.filterPushdown ? 'pushed down' : 'NOT pushed down'}, `;
    const store = explained && explained.shape === costliest.shape ? `${pushdown}${explained.plan}` : '';
    return [
      op,
      costliest.shape,
      (costliest.count / Math.max(1, runs)).toFixed(1),
      (costliest.totalMs / costliest.count).toFixed(1),
      `${Math.round((100 * costliest.totalMs) / Math.max(all, 1e-9))}%`,
      store,
    ];
  });
  return { headers, cells };
}

// One mongoose connection per service, never the mongoose global (STYLE.md: no singletons). The
// stores use the driver's collections on it, not mongoose models (docs/adr/0009).
// Only the portable MongoDB subset is used anywhere (DESIGN.md §2), so the same code runs on
// MongoDB 7+ and on FerretDB 1.24.
import type { Collection, Document, MongoClient } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { type CommandShape, shapeOf } from './command-shape.ts';

export type MongoOptions = {
  url: string;
  dbName: string;
  /** Emit the driver's command events (tools/bench times the database with them). */
  monitorCommands?: boolean;
  /** How long an operation waits for an unreachable server before failing (then answered 503). */
  serverSelectionTimeoutMs?: number;
};

export async function connectMongo({
  url,
  dbName,
  monitorCommands = false,
  serverSelectionTimeoutMs = 5_000,
}: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    // Fail a request in seconds when the server is gone instead of buffering it forever;
    // callers (relay, consumers) have their own retry.
    bufferCommands: false,
    serverSelectionTimeoutMS: serverSelectionTimeoutMs,
    // Retryable writes need a replica set; the platform runs on a standalone server too.
    retryWrites: false,
    autoIndex: false,
    monitorCommands,
  });
  await connection.asPromise();
  return connection;
}

export async function mongoReachable(connection: Connection): Promise<boolean> {
  try {
    const db = connection.db;
    if (!db) return false;
    await db.admin().command({ ping: 1 }, { timeoutMS: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export type DatabaseWatchdog = { stop: () => void; reconnects: () => number };

/**
 * Rebuilds the driver's view of the server when it stays "unreachable" while the server may be
 * back: a driver can keep answering every operation with the same `MongoServerSelectionError`
 * ("connection 13 closed") for minutes after FerretDB restarted, while other clients of the same
 * server have long recovered, because its server monitor never runs again. A ping failing for
 * `stallMs` closes the client and connects it again; collections taken from it resolve the new
 * topology at their next operation, so no store has to be rebuilt. A server that is really down
 * is simply tried again after another `stallMs`.
 */
export function watchDatabase(
  connection: Connection,
  logger: { warn: (obj: object, msg: string) => void },
  { stallMs = 30_000, intervalMs = 5_000 } = {},
): DatabaseWatchdog {
  let failingSince: number | null = null;
  let reconnects = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      if (await mongoReachable(connection)) {
        failingSince = null;
        return;
      }
      failingSince ??= Date.now();
      if (Date.now() - failingSince < stallMs) return;
      logger.warn(
        { unreachableMs: Date.now() - failingSince },
        'database unreachable; connecting the client again',
      );
      failingSince = null;
      reconnects += 1;
      const client = connection.getClient();
      await client.close(true).catch(() => {});
      await client.connect().catch(() => {});
    })().finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), reconnects: () => reconnects };
}

/**
 * Calls `timed` with the shape (above) and duration of every command the client finishes,
 * succeeded or failed. Needs a client made with `monitorCommands`.
 */
export function onTimedCommand(client: MongoClient, timed: (shape: CommandShape, ms: number) => void): void {
  const started = new Map<number, CommandShape>();
  client.on('commandStarted', (event) => {
    started.set(event.requestId, shapeOf(event.commandName, event.command));
  });
  const finished = (event: { requestId: number; duration: number }) => {
    const shape = started.get(event.requestId);
    started.delete(event.requestId);
    if (shape) timed(shape, event.duration);
  };
  client.on('commandSucceeded', finished);
  client.on('commandFailed', finished);
}

/**
 * Logs, at warn, every database command that took `thresholdMs` or more, by shape. On FerretDB a
 * filter with no top-level equality on an indexed field scans the collection, so a path that grows
 * slower with the data shows up here long before it shows up as lag.
 */
export function logSlowCommands(
  connection: Connection,
  logger: { warn: (obj: object, msg: string) => void },
  thresholdMs: number,
): void {
  onTimedCommand(connection.getClient(), (shape, ms) => {
    if (ms >= thresholdMs) logger.warn({ db: { ...shape, ms: Math.round(ms) } }, 'slow database command');
  });
}

/** The driver's error code for a unique index violation. */
export const duplicateKeyCode = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === duplicateKeyCode
  );
}

/**
 * An upsert by `_id`, once more if it lost the race to insert: MongoDB retries such an upsert
 * itself when two meet on a missing document, FerretDB answers the loser with a duplicate key,
 * and the second try finds the winner's document and updates it.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return upsert();
  }
}

/** Errors that mean "the database is unreachable right now", worth retrying without limit. */
export function isTransientMongoError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MongoNetworkError' ||
    error.name === 'MongoServerSelectionError' ||
    error.name === 'MongoNotConnectedError' ||
    error.name === 'MongoNetworkTimeoutError' ||
    error.name === 'MongoTopologyClosedError'
  );
}

/** A native driver collection on the connection's database, for code that needs no schema. */
export function nativeCollection<T extends Document>(connection: Connection, name: string): Collection<T> {
  return connection.getClient().db(connection.name).collection<T>(name);
}

/**
 * The unbroken run of documents whose `_id`s are `idOf(from)`, `idOf(from + 1)`, … up to the first
 * missing one (or `max`), read `perRead` ids per query. Chains of numbered ids (a stream's
 * commits, a key's claims) are read this way because FerretDB answers `_id $in` from its index
 * (patched, docs/adr/0007) in one query, while it pushes down no `$in` on another field and no sort.
 */
export async function readConsecutive<T extends { _id: string }>(
  collection: Collection<T>,
  idOf: (n: number) => string,
  from: number,
  window: { perRead: number; max?: number },
): Promise<T[]> {
  const runs = await readConsecutiveChains(collection, [0], (_, n) => idOf(n), from, window);
  return runs.get(0) ?? [];
}

/**
 * `readConsecutive` for several chains at once (a registration's party names): each query asks
 * for the next `perRead` numbers of every chain still unbroken, so most lookups, whose chains are
 * empty or short, take one query whatever the number of chains.
 */
export async function readConsecutiveChains<T extends { _id: string }, K>(
  collection: Collection<T>,
  chains: readonly K[],
  idOf: (chain: K, n: number) => string,
  from: number,
  {
    perRead,
    max = Number.POSITIVE_INFINITY,
    read,
  }: {
    perRead: number;
    max?: number;
    /** Reads documents by `_id` (a `GroupRead`, shared with concurrent lookups); default one `$in`. */
    read?: (ids: string[]) => Promise<Map<string, T>>;
  },
): Promise<Map<K, T[]>> {
  const runs = new Map<K, T[]>(chains.map((chain) => [chain, []]));
  let open = [...runs.keys()];
  for (let start = from; open.length > 0 && start <= max; start += perRead) {
    const numbers = Array.from({ length: Math.min(perRead, max + 1 - start) }, (_, i) => start + i);
    const ids = open.flatMap((chain) => numbers.map((n) => idOf(chain, n)));
    const byId = read
      ? await read(ids)
      : new Map(
          (await collection.find({ _id: { $in: ids } } as never).toArray()).map((doc) => [
            doc._id as string,
            doc as T,
          ]),
        );
    open = open.filter((chain) => {
      const run = runs.get(chain) as T[];
      for (const n of numbers) {
        const doc = byId.get(idOf(chain, n));
        if (!doc) return false;
        run.push(doc);
      }
      return true;
    });
  }
  return runs;
}

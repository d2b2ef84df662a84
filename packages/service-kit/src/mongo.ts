// One mongoose connection per service, never the mongoose global (STYLE.md: no singletons).
// Only the portable MongoDB subset is used anywhere (DESIGN.md §2), so the same code runs on
// MongoDB 7+ and on FerretDB 1.24.
import type { Collection, Document } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';

export type MongoOptions = {
  url: string;
  dbName: string;
  /** Emit the driver's command events (packages/bench times the database with them). */
  monitorCommands?: boolean;
};

export async function connectMongo({
  url,
  dbName,
  monitorCommands = false,
}: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    // Fail a request in seconds when the server is gone instead of buffering it forever;
    // callers (relay, consumers) have their own retry.
    bufferCommands: false,
    serverSelectionTimeoutMS: 5_000,
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
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** The driver's error code for a unique index violation. */
export const duplicateKeyCode = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === duplicateKeyCode
  );
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

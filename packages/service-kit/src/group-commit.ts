// Group commit (issue 11, docs/adr/0004): appends that arrive while a write is in flight wait and
// are written together by the next one, with one unordered insertMany per collection instead of
// one insert each. FerretDB on SQLite serialises every write behind one lock, so under
// concurrent requests the number of writes, not their size, bounds throughput. Alone, an append
// is written at once: nothing waits for a group to fill, but what is submitted in the same turn of
// the event loop (a registration's party names) goes in one write. `GroupRead` does the same for
// reads by `_id`: concurrent lookups share one `_id: {$in}` query (docs/adr/0019).
import { type Collection, MongoBulkWriteError, type OptionalUnlessRequiredId } from 'mongodb';

type Waiting<T> = { item: T; settle: (error: unknown) => void };

export class GroupCommit<T> {
  private readonly waiting: Waiting<T>[] = [];
  private writing = false;

  /** `write` answers one error per item (undefined where the item was written); it must not throw. */
  constructor(
    private readonly write: (items: T[]) => Promise<unknown[]>,
    private readonly maxGroup = 100,
  ) {}

  /** Resolves once the item is written; rejects with its own error only. */
  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.writing) return;
      this.writing = true;
      // After the current synchronous run: the submits it makes are written together.
      queueMicrotask(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxGroup);
        const errors = await this.write(group.map((waiting) => waiting.item)).catch((error: unknown) =>
          group.map(() => error),
        );
        for (const [i, waiting] of group.entries()) waiting.settle(errors[i]);
      }
    } finally {
      this.writing = false;
    }
  }
}

/** Inserts every document it can (unordered); answers each one's error, undefined if inserted. */
export async function insertEach<T extends { _id: string }>(
  collection: Collection<T>,
  documents: T[],
): Promise<unknown[]> {
  const docs = documents as OptionalUnlessRequiredId<T>[];
  try {
    if (docs.length === 1) await collection.insertOne(docs[0] as OptionalUnlessRequiredId<T>);
    else if (docs.length > 1) await collection.insertMany(docs, { ordered: false });
    return documents.map(() => undefined);
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) return documents.map(() => error);
    const errors: unknown[] = documents.map(() => undefined);
    for (const writeError of [error.writeErrors].flat()) errors[writeError.index] = writeError;
    return errors;
  }
}

type WaitingRead<T> = { ids: string[]; settle: (found: Map<string, T> | undefined, error?: unknown) => void };

/**
 * Reads by `_id` shared between concurrent callers: the ids asked for while a read is in flight
 * (or in the same turn of the event loop) go out in one `find({ _id: { $in } })`, at most
 * `maxIds` per query, and each caller gets the documents it asked for. Alone, a read is sent at once.
 */
export class GroupRead<T extends { _id: string }> {
  private readonly waiting: WaitingRead<T>[] = [];
  private reading = false;

  constructor(
    private readonly collection: Collection<T>,
    private readonly maxIds = 200,
  ) {}

  /** The documents found among `ids`, by `_id`. */
  find(ids: readonly string[]): Promise<Map<string, T>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      this.waiting.push({
        ids: [...ids],
        settle: (found, error) => (found ? resolve(found) : reject(error)),
      });
      if (this.reading) return;
      this.reading = true;
      queueMicrotask(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group: WaitingRead<T>[] = [];
        let count = 0;
        while (
          this.waiting.length > 0 &&
          (group.length === 0 || count + (this.waiting[0]?.ids.length ?? 0) <= this.maxIds)
        ) {
          const next = this.waiting.shift() as WaitingRead<T>;
          group.push(next);
          count += next.ids.length;
        }
        const ids = [...new Set(group.flatMap((waiting) => waiting.ids))];
        try {
          const found = await this.collection.find({ _id: { $in: ids } } as never).toArray();
          const byId = new Map(found.map((doc) => [doc._id as string, doc as T]));
          for (const waiting of group) {
            const mine = new Map<string, T>();
            for (const id of waiting.ids) {
              const doc = byId.get(id);
              if (doc) mine.set(id, doc);
            }
            waiting.settle(mine);
          }
        } catch (error) {
          for (const waiting of group) waiting.settle(undefined, error);
        }
      }
    } finally {
      this.reading = false;
    }
  }
}

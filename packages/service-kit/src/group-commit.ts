// Group commit (issue 11, docs/adr/0004): appends that arrive while a write is in flight wait and
// are written together by the next one, with one unordered insertMany per collection instead of
// one insert each. FerretDB on SQLite serialises every write behind one lock, so under
// concurrent requests the number of writes, not their size, bounds throughput. Alone, an append
// is written at once: nothing waits for a group to fill.
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
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
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

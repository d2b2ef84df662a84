// One aggregate's commit log and the read-model queries routes and jobs need on top of it: a
// document by id, pages by keyset and bounded lists. Writes go through the kit's command pipeline
// (store/training-commands.ts).
import type { CommitLog, Current } from '@kelisim/service-kit/commit-log';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { keysetPage } from '@kelisim/service-kit/keyset-page';
import type { Filter } from 'mongodb';

export type PageRequest = { cursor?: string | undefined; limit: number };
export type StoredPage<S> = { items: Current<S>[]; nextCursor: string | null };

export class AggregateStore<S extends object> {
  constructor(readonly log: CommitLog<S>) {}

  load(id: string): Promise<Current<S> | null> {
    return this.log.load(id);
  }

  /** Keyset pagination on `_id` (UUIDv7 ids sort by creation time). */
  async page(filter: Record<string, unknown>, { cursor, limit }: PageRequest): Promise<StoredPage<S>> {
    // Flat, so that an equality of the filter stays at the top level where an index answers it.
    const found = (await keysetPage(this.log.current, {
      branches: [filter],
      order: { field: '_id', direction: 1 },
      after: decodeCursor(cursor, ['string']),
      limit: limit + 1,
    })) as Current<S>[];
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: found.length > limit && last ? encodeCursor([last._id]) : null };
  }

  async all(filter: Record<string, unknown>, max: number): Promise<Current<S>[]> {
    return (await this.log.current
      .find(filter as Filter<{ _id: string; version: number }>)
      .sort({ _id: 1 })
      .limit(max)
      .toArray()) as Current<S>[];
  }
}

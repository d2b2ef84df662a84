// One aggregate's commit log and read model, with what routes and jobs need on top of the kit's
// CommitLog: save a decision at the version it was decided on, and read pages by keyset.
import type { CommitLog, Current } from '@kelisim/service-kit/commit-log';
import type { Filter } from 'mongodb';
import type { Decision } from '../domain/decision.ts';

export type PageRequest = { cursor?: string | undefined; limit: number };
export type StoredPage<S> = { items: Current<S>[]; nextCursor: string | null };

/** Cursors are opaque to clients: the last id of the page, base64url-encoded. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export class AggregateStore<S extends object> {
  constructor(readonly log: CommitLog<S>) {}

  load(id: string): Promise<Current<S> | null> {
    return this.log.load(id);
  }

  /** Appends the decision at `expectedVersion + 1`; throws VersionConflictError if another won. */
  async save(id: string, expectedVersion: number, decision: Decision<S>, now: Date): Promise<Current<S>> {
    const commit = await this.log.append({
      streamId: id,
      expectedVersion,
      events: decision.events,
      state: decision.state,
      now,
    });
    return { ...decision.state, _id: id, version: commit.version };
  }

  /** Keyset pagination on `_id` (UUIDv7 ids sort by creation time). */
  async page(filter: Record<string, unknown>, { cursor, limit }: PageRequest): Promise<StoredPage<S>> {
    const conditions = cursor ? [filter, { _id: { $gt: decodeCursor(cursor) } }] : [filter];
    const found = (await this.log.current
      .find({ $and: conditions } as Filter<{ _id: string; version: number }>)
      .sort({ _id: 1 })
      .limit(limit + 1)
      .toArray()) as Current<S>[];
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: found.length > limit && last ? encodeCursor(last._id) : null };
  }

  async all(filter: Record<string, unknown>, max: number): Promise<Current<S>[]> {
    return (await this.log.current
      .find(filter as Filter<{ _id: string; version: number }>)
      .sort({ _id: 1 })
      .limit(max)
      .toArray()) as Current<S>[];
  }
}

/** The aggregate's own state, without the read model's `_id` and `version`. */
export function stateOf<S extends object>(current: Current<S>): S {
  const { _id, version, ...state } = current;
  return state as unknown as S;
}

// The write path (DESIGN.md §4): every command appends ONE commit document
//   { streamId, version, events[], state, committedAt, published: false }
// under a unique index on (streamId, version). That single insert is the atomic write of a
// state change and its events; the unique index is the optimistic concurrency check; the
// commits of a stream are its replayable, auditable history. The read model (the current state
// document, one per stream) is derived from the commit and repaired by the relay if a crash
// falls between the two writes, so it never stays behind a published event.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError, nativeCollection } from './mongo.ts';

export type Commit<TState> = {
  _id: string; // `${streamId}:${version}`
  streamId: string;
  version: number;
  events: EventEnvelope[];
  state: TState;
  committedAt: Date;
  published: boolean;
  publishedAt?: Date;
  /**
   * Who made the change, from where, and what it touched: written in the same insert as the
   * change, so the audit trail of changes can never miss one (issue 9). Never published.
   */
  audit?: Readonly<Record<string, unknown>>;
};

/** The read-model document: the stream's latest state, its version and nothing else. */
export type Current<TState> = TState & { _id: string; version: number };

export class VersionConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
    this.name = 'VersionConflictError';
  }
}

export type AppendInput<TState> = {
  streamId: string;
  /** The version the command was decided on; 0 for a new stream. */
  expectedVersion: number;
  events: EventEnvelope[];
  state: TState;
  now: Date;
  audit?: Readonly<Record<string, unknown>>;
};

export class CommitLog<TState extends object> {
  readonly commits: Collection<Commit<TState>>;
  /** Typed by its key fields only: the driver's filter types cannot see through a generic state. */
  readonly current: Collection<{ _id: string; version: number }>;

  /** `name` is the aggregate's name: commits go to `<name>_commits`, state to `<name>`. */
  constructor(
    connection: Connection,
    readonly name: string,
  ) {
    // The native driver's collections: the commit log needs no mongoose casting or hooks.
    this.commits = nativeCollection<Commit<TState>>(connection, `${name}_commits`);
    this.current = nativeCollection<{ _id: string; version: number }>(connection, name);
  }

  async ensureIndexes(): Promise<void> {
    await this.commits.createIndex({ streamId: 1, version: 1 }, { unique: true });
    // The relay's query: unpublished commits, oldest first.
    await this.commits.createIndex({ published: 1, committedAt: 1 });
  }

  /** Appends a commit at expectedVersion + 1; throws VersionConflictError if another won. */
  async append({
    streamId,
    expectedVersion,
    events,
    state,
    now,
    audit,
  }: AppendInput<TState>): Promise<Commit<TState>> {
    const version = expectedVersion + 1;
    const commit: Commit<TState> = {
      _id: `${streamId}:${version}`,
      streamId,
      version,
      events,
      state,
      committedAt: now,
      published: false,
      ...(audit === undefined ? {} : { audit }),
    };
    try {
      await this.commits.insertOne(commit);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new VersionConflictError(streamId, expectedVersion);
      throw error;
    }
    await this.project(commit);
    return commit;
  }

  /** Brings the read model up to this commit; a newer read model is left alone. */
  async project(commit: Pick<Commit<TState>, 'streamId' | 'version' | 'state'>): Promise<void> {
    const document = { ...commit.state, _id: commit.streamId, version: commit.version };
    try {
      await this.current.replaceOne({ _id: commit.streamId, version: { $lt: commit.version } }, document, {
        upsert: true,
      });
    } catch (error) {
      // The upsert's insert collides when the read model is already at this version or newer.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async load(streamId: string): Promise<Current<TState> | null> {
    return (await this.current.findOne({ _id: streamId })) as Current<TState> | null;
  }

  async history(streamId: string): Promise<Commit<TState>[]> {
    return (await this.commits.find({ streamId }).sort({ version: 1 }).toArray()) as Commit<TState>[];
  }

  async unpublished(limit: number): Promise<Commit<TState>[]> {
    const batch = (await this.commits
      .find({ published: false })
      .sort({ committedAt: 1 })
      .limit(limit)
      .toArray()) as Commit<TState>[];
    // Within a stream, versions decide the order, whatever the committing instances' clocks said.
    return batch.sort((a, b) =>
      a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1,
    );
  }

  async markPublished(ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.commits.updateMany({ _id: { $in: ids } }, {
      $set: { published: true, publishedAt: now },
    } as never);
  }

  async countUnpublished(): Promise<number> {
    return this.commits.countDocuments({ published: false });
  }
}

// The write path (DESIGN.md §4): every command appends ONE commit document
//   { streamId, version, events[], state, committedAt }
// under a unique index on (streamId, version). That single insert is the atomic write of a
// state change and its events; the unique index is the optimistic concurrency check; the
// commits of a stream are its replayable, auditable history, which publishing never updates.
// What is still to publish is a small pointer collection (`<name>_outbox`) written just BEFORE
// the commit and deleted after publishing, so the relay never scans the history (docs/adr/0004).
// The read model (the current state document, one per stream) is derived from the commit and
// repaired by the relay if a crash falls between the two writes, so it never stays behind a
// published event.
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { GroupCommit, GroupRead, insertEach } from './group-commit.ts';
import { isDuplicateKeyError, nativeCollection, readConsecutive } from './mongo.ts';
import { currentTraceCarrier, type TraceCarrier } from './trace-context.ts';

export type Commit<TState> = {
  _id: string; // `${streamId}:${version}`
  streamId: string;
  version: number;
  events: EventEnvelope[];
  state: TState;
  committedAt: Date;
  /**
   * Who made the change, from where, and what it touched: written in the same insert as the
   * change, so the audit trail of changes can never miss one (issue 9). Never published.
   */
  audit?: Readonly<Record<string, unknown>>;
  /**
   * The trace context of the command that made the commit (W3C headers), when tracing is on: the
   * relay publishes the events as its child, however much later and from whichever instance.
   */
  traceContext?: TraceCarrier;
};

/** A commit that may not be published yet: same `_id` as the commit it points at. */
export type OutboxEntry = { _id: string; streamId: string; version: number; committedAt: Date };

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
  /** The commit's outbox pointer is already written (`preparePointer`): the append skips it. */
  pointerWritten?: boolean;
};

/** A commit waiting for its group's write, and whether its pointer still has to be written. */
type Appending<TState> = { commit: Commit<TState>; pointerWritten: boolean };

type CommitListener<TState> = (commit: Commit<TState>) => void;

/** Commits read per query when looking for a stream's latest: it is almost always the first. */
const commitsPerRead = 3;

function documentOf<TState>(commit: Pick<Commit<TState>, 'streamId' | 'version' | 'state'>) {
  return { ...commit.state, _id: commit.streamId, version: commit.version };
}

export class CommitLog<TState extends object> {
  readonly commits: Collection<Commit<TState>>;
  /** Pointers to the commits not yet published; the relay's only query (docs/adr/0004). */
  readonly outbox: Collection<OutboxEntry>;
  /** Typed by its key fields only: the driver's filter types cannot see through a generic state. */
  readonly current: Collection<{ _id: string; version: number }>;
  private readonly listeners = new Set<CommitListener<TState>>();
  /** Commits this process is appending (pointer written, not yet handed over): the relay's poll
   * leaves them to the hand-over, or each would be published twice. Counted: two racing writers
   * share one id. */
  private readonly appending = new Map<string, number>();
  private readonly group = new GroupCommit<Appending<TState>>((items) => this.writeGroup(items));
  /** Pointers written ahead of their commits (`preparePointer`), shared like the group's. */
  private readonly earlyPointers = new GroupCommit<OutboxEntry>((entries) =>
    insertEach(this.outbox, entries),
  );
  /** Concurrent loads (a read by id, a command's state) share one `_id: {$in}` query. */
  private readonly loads: GroupRead<{ _id: string; version: number }>;

  /**
   * `name` is the aggregate's name: commits go to `<name>_commits`, state to `<name>`. `keys` names
   * fields copied to the top level of every commit, for a service that queries its commits by them
   * (an audit trail by territory or actor): FerretDB answers only a top-level equality from an
   * index, never one on `state.x` or `audit.x` (issue 21).
   */
  constructor(
    connection: Connection,
    readonly name: string,
    private readonly keys?: (commit: Pick<Commit<TState>, 'state' | 'audit'>) => Record<string, string>,
  ) {
    // The native driver's collections: the commit log needs no mongoose casting or hooks.
    this.commits = nativeCollection<Commit<TState>>(connection, `${name}_commits`);
    this.outbox = nativeCollection<OutboxEntry>(connection, `${name}_outbox`);
    this.current = nativeCollection<{ _id: string; version: number }>(connection, name);
    this.loads = new GroupRead(this.current);
  }

  async ensureIndexes(): Promise<void> {
    await this.commits.createIndex({ streamId: 1, version: 1 }, { unique: true });
    // The relay's query: pending commits, oldest first.
    await this.outbox.createIndex({ committedAt: 1 });
  }

  /**
   * Called with each commit this instance appended, once its read model is written: the relay
   * publishes it from memory, without querying for it.
   */
  onCommitted(listener: CommitListener<TState>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Writes the outbox pointer of the commit at `version` ahead of its append, for a caller that
   * has a decision to make first (a creation looking things up): the pointer's write then runs
   * alongside that work instead of before the commit's, and the append is told `pointerWritten`.
   * The pointer still exists before the commit, as 0004 requires; one whose commit never comes
   * is the relay's orphan (deleted after `orphanAfterMs`), or the caller's to `dropPointer`.
   */
  async preparePointer(streamId: string, version: number, now: Date): Promise<void> {
    try {
      await this.earlyPointers.submit({ _id: `${streamId}:${version}`, streamId, version, committedAt: now });
    } catch (error) {
      // A concurrent writer at this version wrote it: the pointer names whichever commit wins.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /**
   * Deletes a prepared pointer whose commit will not be written, when no other writer can share
   * its id (a stream id fresh to this caller); otherwise the relay drops it as an orphan.
   */
  async dropPointer(streamId: string, version: number): Promise<void> {
    await this.outbox.deleteOne({ _id: `${streamId}:${version}` });
  }

  /** Appends a commit at expectedVersion + 1; throws VersionConflictError if another won. */
  async append({
    streamId,
    expectedVersion,
    events,
    state,
    now,
    audit,
    pointerWritten = false,
  }: AppendInput<TState>): Promise<Commit<TState>> {
    const version = expectedVersion + 1;
    const _id = `${streamId}:${version}`;
    const traceContext = currentTraceCarrier();
    const commit: Commit<TState> = {
      ...this.keys?.({ state, audit }),
      _id,
      streamId,
      version,
      events,
      state,
      committedAt: now,
      ...(audit === undefined ? {} : { audit }),
      ...(traceContext === undefined ? {} : { traceContext }),
    };
    this.appending.set(_id, (this.appending.get(_id) ?? 0) + 1);
    try {
      await this.group.submit({ commit, pointerWritten });
      for (const listener of this.listeners) listener(commit);
      return commit;
    } finally {
      const left = (this.appending.get(_id) ?? 1) - 1;
      if (left > 0) this.appending.set(_id, left);
      else this.appending.delete(_id);
    }
  }

  /**
   * Writes a group of commits: pointers (but those written ahead, `preparePointer`), then commits,
   * then read models, each step one insert for the whole group. The pointer goes first, so no commit ever exists without one. A pointer
   * already there belongs to a concurrent writer at this version and points at whichever commit
   * wins; one left by a loser (or a crash before the commit) is cleaned up by the relay.
   */
  private async writeGroup(items: Appending<TState>[]): Promise<unknown[]> {
    const commits = items.map((item) => item.commit);
    const errors: unknown[] = commits.map(() => undefined);
    const failed = (i: number, error: unknown) => {
      if (error !== undefined && !isDuplicateKeyError(error)) errors[i] = error;
    };
    const unpointed = items.flatMap((item, i) => (item.pointerWritten ? [] : [i]));
    const pointers = unpointed.map((i) => {
      const { _id, streamId, version, committedAt } = commits[i] as Commit<TState>;
      return { _id, streamId, version, committedAt };
    });
    for (const [j, error] of (await insertEach(this.outbox, pointers)).entries()) {
      failed(unpointed[j] as number, error);
    }
    const ready = commits.flatMap((_, i) => (errors[i] === undefined ? [i] : []));
    const inserted = await insertEach(
      this.commits,
      ready.map((i) => commits[i] as Commit<TState>),
    );
    inserted.forEach((error, j) => {
      const i = ready[j] as number;
      const commit = commits[i] as Commit<TState>;
      if (isDuplicateKeyError(error))
        errors[i] = new VersionConflictError(commit.streamId, commit.version - 1);
      else if (error !== undefined) errors[i] = error;
    });
    const written = commits.flatMap((_, i) => (errors[i] === undefined ? [i] : []));
    // A stream's first state has nothing older to replace: plain inserts, which FerretDB serves
    // through the unique `_id` index instead of scanning the read model for a filter.
    const first = written.filter((i) => commits[i]?.version === 1);
    const documents = first.map((i) => documentOf(commits[i] as Commit<TState>));
    for (const [j, error] of (await insertEach(this.current, documents)).entries()) {
      failed(first[j] as number, error);
    }
    const later = written.filter((i) => (commits[i]?.version ?? 1) > 1);
    await Promise.all(
      later.map((i) =>
        this.project(commits[i] as Commit<TState>).catch((error: unknown) => failed(i, error)),
      ),
    );
    return errors;
  }

  /** Whether this process is still appending the commit with this id. */
  isAppending(commitId: string): boolean {
    return this.appending.has(commitId);
  }

  /** Brings the read model up to this commit; a newer read model is left alone. */
  async project(commit: Pick<Commit<TState>, 'streamId' | 'version' | 'state'>): Promise<void> {
    const document = documentOf(commit);
    // A stream's first state has nothing older to replace (see writeGroup).
    if (commit.version === 1) return this.insertIgnoringDuplicate(this.current, document);
    try {
      await this.current.replaceOne({ _id: commit.streamId, version: { $lt: commit.version } }, document, {
        upsert: true,
      });
    } catch (error) {
      // The upsert's insert collides when the read model is already at this version or newer.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The relay's repair: a read by `_id` first, since the read model is almost never behind. */
  async repair(commit: Pick<Commit<TState>, 'streamId' | 'version' | 'state'>): Promise<void> {
    const current = await this.current.findOne({ _id: commit.streamId }, { projection: { version: 1 } });
    if (current && current.version >= commit.version) return;
    await this.project(commit);
  }

  /**
   * The stream's read model. A load asked for while another is in flight waits for the next query
   * rather than joining the one sent, so it sees every write completed before it was asked.
   */
  async load(streamId: string): Promise<Current<TState> | null> {
    return ((await this.loads.find([streamId])).get(streamId) ?? null) as Current<TState> | null;
  }

  /**
   * The read model, written from the stream's latest commit first when a crash came between the
   * commit and its projection. For a caller that found the commit (a duplicate key on a
   * redelivery) and must act on the state now, not once the relay's repair comes round.
   */
  async loadRepaired(streamId: string): Promise<Current<TState> | null> {
    const stored = await this.load(streamId);
    if (stored) return stored;
    const latest = await this.latest(streamId);
    if (!latest) return null;
    await this.project(latest);
    return this.load(streamId);
  }

  /**
   * The stream's latest commit, read by `_id` only: the read model names the version it is at, and
   * that commit and the ones after it (a projection lagging its commit, or another instance's) are
   * read a few `_id`s per query (`$in`), answered from the primary key (patched, docs/adr/0007).
   * A stream's commits grow with every change and FerretDB sorts after fetching, so `{ streamId }`
   * sorted by version would read the stream's whole history to find its newest (docs/adr/0005).
   */
  async latest(streamId: string): Promise<Commit<TState> | null> {
    const current = await this.current.findOne({ _id: streamId }, { projection: { version: 1 } });
    const known = current?.version ?? 0;
    const run = (await readConsecutive(
      this.commits,
      (version) => `${streamId}:${version}`,
      Math.max(known, 1),
      {
        perRead: commitsPerRead,
      },
    )) as Commit<TState>[];
    // A read model without its commit was written by hand or restored apart: trust the commits.
    if (known > 0 && run.length === 0) return (await this.history(streamId)).at(-1) ?? null;
    return run.at(-1) ?? null;
  }

  async history(streamId: string): Promise<Commit<TState>[]> {
    return (await this.commits.find({ streamId }).sort({ version: 1 }).toArray()) as Commit<TState>[];
  }

  /** Pointers to commits not yet published, oldest first. */
  async pending(limit: number): Promise<OutboxEntry[]> {
    return this.outbox.find({}).sort({ committedAt: 1 }).limit(limit).toArray();
  }

  /**
   * The commits the pointers name, by `_id`; a pointer whose commit was never written (a lost race
   * or a crash) has none.
   */
  async commitsOf(entries: readonly OutboxEntry[]): Promise<Commit<TState>[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((entry) => entry._id);
    return (await this.commits.find({ _id: { $in: ids } }).toArray()) as Commit<TState>[];
  }

  /** Deletes the pointers of published commits (and of commits that never existed). */
  async markPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.outbox.deleteMany({ _id: { $in: ids } });
  }

  async countUnpublished(): Promise<number> {
    return this.outbox.countDocuments({});
  }

  private async insertIgnoringDuplicate<T extends { _id: string }>(
    collection: Collection<T>,
    document: T,
  ): Promise<void> {
    try {
      await collection.insertOne(document as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

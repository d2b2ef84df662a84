// The command pipeline every write of every service goes through (DESIGN.md §4, §5): load the
// stream's current state, let the caller authorise it (404 outside scope, 403 without the right),
// check If-Match (412 when stale), decide, append the decision to the commit log at the loaded
// version, wake the relay. A race lost to a concurrent writer is decided again on the fresh state,
// unless the caller pinned a version with If-Match: then the conflict is the caller's (412).
// After a few lost races in a row the caller is told to retry (409). A decision that leaves the
// state as it was and causes no event (a replayed request) writes nothing; one that changes the
// state without an event (a course's title) is committed like any other.
import { isDeepStrictEqual } from 'node:util';
import type { CommitLog, Current } from '../commit-log.ts';
import { VersionConflictError } from '../commit-log.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.ts';
import type { Decision } from './decision.ts';

export type Audit = Readonly<Record<string, unknown>>;

export type Command<S extends object> = {
  /** The stream (aggregate id) to change. */
  id: string;
  /** From If-Match (`expectedVersionFrom`); undefined for an unconditional write. */
  expectedVersion?: number | undefined;
  now: Date;
  /** Refuses the loaded state by throwing (out of scope, no right to act); runs on every attempt. */
  authorise?: (current: Current<S>) => void;
  /** Decides on the loaded state; may look something up first (the mediator to assign). */
  decide: (state: S, current: Current<S>) => Decision<S> | Promise<Decision<S>>;
  /** Recorded in the commit, never published: who changed what, from where. */
  audit?: (current: Current<S>, decision: Decision<S>) => Audit | undefined;
  /** Runs after deciding, before committing, on every attempt (erasure redacts history here). */
  beforeCommit?: (current: Current<S>, decision: Decision<S>) => Promise<void>;
};

export type CommandRunnerOptions = {
  /** The error for a stream that does not exist (a 404 with the resource's own code). */
  notFound?: (id: string) => Error;
  /** Attempts before a run of lost races becomes a 409. */
  maxAttempts?: number;
};

/** The domain state of a read-model document: without its `_id` and `version`. */
export function stateOf<S extends object>(current: Current<S>): S {
  const { _id, version, ...state } = current;
  return state as unknown as S;
}

export class CommandRunner<S extends object> {
  private readonly notFound: (id: string) => Error;
  private readonly maxAttempts: number;

  constructor(
    readonly log: CommitLog<S>,
    /** Woken after every commit, so that its events leave at once. */
    private readonly relay: { wake(): void },
    options: CommandRunnerOptions = {},
  ) {
    this.notFound = options.notFound ?? (() => new NotFoundError('No such resource.'));
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Runs a command against an existing stream; answers the state it left, with its version. */
  async run(command: Command<S>): Promise<Current<S>> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.log.load(command.id);
      if (!current) throw this.notFound(command.id);
      command.authorise?.(current);
      if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
        throw new PreconditionFailedError(undefined, { currentVersion: current.version });
      }
      const state = stateOf(current);
      const decision = await command.decide(state, current);
      if (decision.events.length === 0 && isDeepStrictEqual(decision.state, state)) return current;
      try {
        await command.beforeCommit?.(current, decision);
        return await this.append(command.id, current.version, decision, command.now, () =>
          command.audit?.(current, decision),
        );
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (command.expectedVersion !== undefined) {
          const fresh = await this.log.load(command.id);
          throw new PreconditionFailedError(undefined, {
            currentVersion: fresh?.version ?? current.version + 1,
          });
        }
        if (attempt >= this.maxAttempts) {
          throw new ConflictError('The resource changed while the request ran; reload it and retry.', {
            code: 'concurrent_change',
          });
        }
      }
    }
  }

  /**
   * Appends a decision at `version` (0 for a new stream) and wakes the relay. Throws
   * VersionConflictError when another writer got there first. `pointerWritten`: the caller wrote
   * the commit's outbox pointer ahead (`CommitLog.preparePointer`).
   */
  async append(
    id: string,
    version: number,
    decision: Decision<S>,
    now: Date,
    audit: () => Audit | undefined = () => undefined,
    { pointerWritten = false }: { pointerWritten?: boolean } = {},
  ): Promise<Current<S>> {
    const record = audit();
    await this.log.append({
      streamId: id,
      expectedVersion: version,
      events: decision.events,
      state: decision.state,
      now,
      pointerWritten,
      ...(record === undefined ? {} : { audit: record }),
    });
    this.relay.wake();
    return { ...decision.state, _id: id, version: version + 1 };
  }
}

// Appending a decision to a commit log, with the version checks every command shares: a stale
// If-Match is a 412, a write that lost a race to another is a 409 (reload and retry).
import type { KnownEvent } from '@kelisim/contracts/events/catalogue';
import { type CommitLog, type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ConflictError, PreconditionFailedError } from '@kelisim/service-kit/errors';

/** The domain state of a read-model document: without its `_id` and `version`. */
export function stateOf<T extends object>(current: Current<T>): T {
  const { _id, version, ...state } = current;
  return state as unknown as T;
}

export function checkExpectedVersion(current: { version: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== current.version) {
    throw new PreconditionFailedError(undefined, { currentVersion: current.version });
  }
}

export async function appendDecision<T extends object>(
  log: CommitLog<T>,
  streamId: string,
  expectedVersion: number,
  decision: { state: T; events: KnownEvent[] },
  now: Date,
): Promise<number> {
  try {
    const commit = await log.append({
      streamId,
      expectedVersion,
      events: decision.events,
      state: decision.state,
      now,
    });
    return commit.version;
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new ConflictError('Someone else changed this record at the same time; reload it and retry.', {
        code: 'concurrent_change',
      });
    }
    throw error;
  }
}

/**
 * The stream's latest state from its commits, not its read model: right after losing a creation
 * race the winner's commit exists but its projection may not yet.
 */
export async function latestCommitted<T extends object>(
  log: CommitLog<T>,
  streamId: string,
): Promise<{ state: T; version: number } | null> {
  const commit = await log.latest(streamId);
  return commit ? { state: commit.state as T, version: commit.version } : null;
}

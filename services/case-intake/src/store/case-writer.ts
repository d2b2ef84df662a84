// Runs a command against a stored case: load, decide, append at the loaded version, wake the
// relay. A lost race is retried on the fresh state unless the caller pinned a version (If-Match),
// in which case the conflict is the caller's to resolve (412).
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import type { CaseCommand, DecisionContext } from '../domain/case-commands.ts';
import type { CaseState } from '../domain/case-types.ts';
import { changedFields } from '../domain/changed-fields.ts';
import { type Decision, decide } from '../domain/decide.ts';
import type { AuditStamp } from './case-audit.ts';
import type { CaseStore, StoredCase } from './case-store.ts';

export class StaleVersionError extends Error {
  override name = 'StaleVersionError';

  constructor(readonly currentVersion: number) {
    super(`the case is at version ${currentVersion}`);
  }
}

export class CaseMissingError extends Error {
  override name = 'CaseMissingError';
}

export type CommandOptions = {
  /** From If-Match; undefined for an unconditional write. */
  expectedVersion?: number | undefined;
  /** Checked on every loaded state before deciding: throws to refuse (e.g. out of scope). */
  authorise?: (state: StoredCase) => void;
  /** Builds the command from the loaded state (e.g. looking up the mediator to assign). */
  command: (state: StoredCase) => CaseCommand | Promise<CaseCommand>;
  /** Who asks and from where: recorded in the commit (the audit trail of changes). */
  audit: AuditStamp | ((state: StoredCase) => AuditStamp);
  /** Runs after deciding, before committing, on every attempt (erasure redacts history here). */
  beforeCommit?: (stored: StoredCase, decision: Decision) => Promise<void>;
};

const maxAttempts = 3;

export class CaseWriter {
  constructor(
    private readonly store: CaseStore,
    private readonly relay: { wake(): void },
  ) {}

  async execute(caseId: string, ctx: DecisionContext, options: CommandOptions): Promise<StoredCase> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.store.load(caseId);
      if (!stored) throw new CaseMissingError(caseId);
      options.authorise?.(stored);
      if (options.expectedVersion !== undefined && options.expectedVersion !== stored.version) {
        throw new StaleVersionError(stored.version);
      }
      const { _id, version, ...state } = stored;
      const decision = decide(state as CaseState, await options.command(stored), ctx);
      try {
        const audit = typeof options.audit === 'function' ? options.audit(stored) : options.audit;
        await options.beforeCommit?.(stored, decision);
        return await this.commit(caseId, version, decision, ctx.now, audit, state as CaseState);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (options.expectedVersion !== undefined || attempt >= maxAttempts) {
          const current = await this.store.load(caseId);
          throw new StaleVersionError(current?.version ?? version + 1);
        }
      }
    }
  }

  /**
   * Appends a decision with its audit record (who, from where, which fields; `before` is the
   * state it was decided on, null for a new case). A decision without events writes nothing.
   */
  async commit(
    caseId: string,
    version: number,
    decision: Decision,
    now: Date,
    audit: AuditStamp,
    before: CaseState | null,
  ): Promise<StoredCase> {
    if (decision.events.length === 0) return { ...decision.state, _id: caseId, version };
    await this.store.log.append({
      streamId: caseId,
      expectedVersion: version,
      events: decision.events,
      state: decision.state,
      now,
      audit: { ...audit, fields: changedFields(before, decision.state) },
    });
    this.relay.wake();
    return { ...decision.state, _id: caseId, version: version + 1 };
  }
}

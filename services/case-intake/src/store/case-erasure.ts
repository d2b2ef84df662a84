// Runs an erasure (withdrawn consent, retention) as a command like any other: one commit with the
// erased state, its `case.party-data-erased` event and its audit record. Before that commit, the
// earlier commits' state snapshots are redacted the same way: erasure is the one reason the commit
// log's history is rewritten, because personal data must not survive in it (issue 9). Redaction
// runs on every attempt, so a command that slipped in between is redacted on the retry; a crash
// between redaction and commit leaves the case as it was, with less history, and the erasure is
// simply run again (the sweep finds the case still due; a client retries its withdrawal).
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseState } from '../domain/case-types.ts';
import { redactedSnapshot } from '../domain/erasure-decisions.ts';
import type { AuditStamp } from './case-audit.ts';
import { type CaseRunner, runCaseCommand } from './case-command-runner.ts';
import type { CaseStore, StoredCase } from './case-store.ts';

export type ErasureCommand =
  | { type: 'withdraw-consent'; partyId: string }
  | { type: 'erase-after-retention'; retentionDays: number };

export async function eraseCaseData(
  deps: { cases: CaseStore; runner: CaseRunner },
  caseId: string,
  ctx: DecisionContext,
  options: {
    command: ErasureCommand;
    audit: AuditStamp;
    expectedVersion?: number | undefined;
    authorise?: (state: StoredCase) => void;
  },
): Promise<StoredCase> {
  return runCaseCommand(deps.runner, {
    caseId,
    ctx,
    expectedVersion: options.expectedVersion,
    authorise: options.authorise,
    command: () => options.command,
    audit: options.audit,
    beforeCommit: async (stored, decision) => {
      await redactHistory(deps.cases, stored._id, stored.version, decision.state);
      await deps.cases.partyNames.keepOnly(stored._id, decision.state.partyNameHashes);
    },
  });
}

async function redactHistory(cases: CaseStore, caseId: string, upTo: number, erased: CaseState) {
  const commits = await cases.log.commits
    .find({ streamId: caseId, version: { $lte: upTo } }, { projection: { _id: 1, state: 1 } })
    .toArray();
  for (const commit of commits) {
    const redacted = redactedSnapshot(commit.state, erased);
    if (JSON.stringify(redacted) === JSON.stringify(commit.state)) continue;
    await cases.log.commits.updateOne({ _id: commit._id }, { $set: { state: redacted } });
  }
}

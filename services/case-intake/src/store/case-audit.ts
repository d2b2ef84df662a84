// The audit trail (DESIGN.md §7, issue 9): who saw which case's personal data and who changed
// what, when and from where. Changes are audited inside their commit (`audit` on the commit
// document, written by the same insert as the change, docs/adr/0001), so no change can exist
// without its record; reads of personal data go to `case_audit_reads` as they are served. Both
// hold ids, roles, field names and request metadata only, never the personal data itself.
// Nothing here updates or deletes: the trail is append-only, and no route changes it.

import { isKnownRegion, regions } from '@kelisim/contracts/reference/regions';
import type { Commit } from '@kelisim/service-kit/commit-log';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { GroupCommit, insertEach } from '@kelisim/service-kit/group-commit';
import { keysetPage } from '@kelisim/service-kit/keyset-page';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Principal } from '@kelisim/service-kit/principal';
import { isRepublicWide } from '@kelisim/service-kit/principal';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CaseStore } from './case-store.ts';

/** Who acted and from where, as the route saw the request. */
export type AuditStamp = {
  sub: string;
  roles: string[];
  /** `register`, `command:<name>`, `read`, `erase:<reason>`, `system:<job>`. */
  action: string;
  requestId: string | null;
  ip: string | null;
  /** Whether the answer carried decrypted personal data (a command's answer shows the case). */
  personalDataReturned?: boolean;
};

/** A stamp plus the fields touched: the commit's `audit` and a read record's body. */
export type AuditRecord = AuditStamp & { fields: string[] };

export type AuditEntry = {
  entryId: string;
  kind: 'read' | 'change';
  at: string;
  caseId: string;
  caseNumber: string;
  region: string;
  district: string;
  version: number | null;
} & AuditRecord;

type ReadDocument = {
  _id: string;
  at: Date;
  caseId: string;
  caseNumber: string;
  region: string;
  district: string;
  /** `audit.sub` again at the top level, where an index answers it (issue 21). */
  actor: string;
  audit: AuditRecord;
};

export type AuditFilters = { caseId?: string; user?: string; from?: Date; to?: Date };

/** A system job's stamp: no request, no address. */
export function systemStamp(job: string): AuditStamp {
  return { sub: `system:${job}`, roles: [], action: `system:${job}`, requestId: null, ip: null };
}

export class CaseAuditTrail {
  readonly reads: Collection<ReadDocument>;
  // Every read of personal data waits for its record (a read that cannot be recorded is not
  // served); concurrent reads share one insertMany instead of queueing one insert each behind the
  // store's single writer (issue 11: the read-by-id benchmark's one write the baseline lacks).
  private readonly readRecords = new GroupCommit<ReadDocument>((records) => insertEach(this.reads, records));

  constructor(
    connection: Connection,
    private readonly cases: CaseStore,
  ) {
    this.reads = nativeCollection<ReadDocument>(connection, 'case_audit_reads');
  }

  async ensureIndexes(): Promise<void> {
    // Each query's equality (territory, case, actor) leads, then the trail's order (time, id).
    for (const field of ['caseId', 'actor', 'region', 'district']) {
      await this.reads.createIndex({ [field]: 1, at: -1, _id: -1 });
    }
    // The commits carry the same keys at their top level (CaseStore's commit keys).
    for (const field of ['actor', 'region', 'district']) {
      await this.cases.log.commits.createIndex({ [field]: 1, committedAt: -1, _id: -1 });
    }
  }

  async recordRead(
    entryId: string,
    at: Date,
    target: { _id: string; caseNumber: string; region: string; district: string },
    record: AuditRecord,
  ): Promise<void> {
    await this.readRecords.submit({
      _id: entryId,
      at,
      caseId: target._id,
      caseNumber: target.caseNumber,
      region: target.region,
      district: target.district,
      actor: record.sub,
      audit: record,
    });
  }

  /** Newest first, reads and changes merged, limited to the principal's territory. */
  async query(principal: Principal, filters: AuditFilters, limit: number, cursor: string | undefined) {
    const keys = decodeCursor(cursor, ['string', 'string']);
    const after = keys && [new Date(keys[0]), keys[1]];
    const readWhere = conditions(filters, { at: 'at', caseId: 'caseId' });
    const changeWhere = conditions(filters, { at: 'committedAt', caseId: 'streamId' });
    const [reads, changes] = await Promise.all([
      keysetPage(this.reads, {
        branches: territory(principal, readWhere),
        where: readWhere,
        order: { field: 'at', direction: -1 },
        after,
        limit: limit + 1,
      }),
      keysetPage(this.cases.log.commits as unknown as Collection<Commit<unknown> & Document>, {
        branches: territory(principal, changeWhere),
        where: changeWhere,
        order: { field: 'committedAt', direction: -1 },
        after,
        limit: limit + 1,
      }),
    ]);
    const entries: AuditEntry[] = [
      ...reads.map((doc) => ({
        entryId: doc._id,
        kind: 'read' as const,
        at: doc.at.toISOString(),
        caseId: doc.caseId,
        caseNumber: doc.caseNumber,
        region: doc.region,
        district: doc.district,
        version: null,
        ...doc.audit,
      })),
      ...changes.map((commit) => {
        const state = commit.state as { caseNumber: string; region: string; district: string };
        return {
          entryId: commit._id,
          kind: 'change' as const,
          at: commit.committedAt.toISOString(),
          caseId: commit.streamId,
          caseNumber: state.caseNumber,
          region: state.region,
          district: state.district,
          version: commit.version,
          // The kit's commits may carry no audit record; such a one is still listed, actor unknown.
          ...(commit.audit ?? unknownActor),
        } as AuditEntry;
      }),
    ].sort((a, b) => (a.at === b.at ? compare(b.entryId, a.entryId) : compare(b.at, a.at)));
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = entries.length > limit && last ? encodeCursor([last.at, last.entryId]) : null;
    return { items: page, nextCursor };
  }
}

const unknownActor: AuditRecord = {
  sub: 'unknown',
  roles: [],
  action: 'unknown',
  requestId: null,
  ip: null,
  fields: [],
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The request's filters on one side of the trail (reads' or commits' field names). */
function conditions(filters: AuditFilters, paths: { at: string; caseId: string }): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  if (filters.caseId !== undefined) found[paths.caseId] = filters.caseId;
  if (filters.user !== undefined) found.actor = filters.user;
  const at = {
    ...(filters.from === undefined ? {} : { $gte: filters.from }),
    ...(filters.to === undefined ? {} : { $lte: filters.to }),
  };
  if (Object.keys(at).length > 0) found[paths.at] = at;
  return found;
}

/**
 * The same territory rule as cases (case-scope.ts), one branch per code. The whole republic with
 * neither case nor actor to filter on is read region by region, each an index range, not a scan.
 */
function territory(principal: Principal, where: Record<string, unknown>): Record<string, string>[] {
  if (isRepublicWide(principal)) {
    return 'actor' in where || 'caseId' in where || 'streamId' in where
      ? [{}]
      : regions.map(({ kato }) => ({ region: kato }));
  }
  return principal.regions.map(
    (code): Record<string, string> => (isKnownRegion(code) ? { region: code } : { district: code }),
  );
}

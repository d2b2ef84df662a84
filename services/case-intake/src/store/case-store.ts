// Cases on the kit's commit log (DESIGN.md §4): every command appends one commit holding the new
// state and its events; the `cases` collection is the read model the queries below serve.
import { endOfDay, startOfDay } from '@kelisim/contracts/calendar';
import { regions } from '@kelisim/contracts/reference/regions';
import { CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { mergedPages } from '@kelisim/service-kit/exports/sorted-merge';
import { bothConditions, keysetPage } from '@kelisim/service-kit/keyset-page';
import { nativeCollection, upsertRacing } from '@kelisim/service-kit/mongo';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CaseState } from '../domain/case-types.ts';
import type { DuplicateCandidate } from '../domain/duplicates.ts';
import type { CaseScope } from './case-scope.ts';
import { PartyNameIndex } from './party-name-index.ts';

export type StoredCase = Current<CaseState>;

export type CaseFilters = {
  region?: string | undefined;
  district?: string | undefined;
  status?: string | undefined;
  urgency?: string | undefined;
  category?: string | undefined;
  mediatorId?: string | undefined;
  /** Inclusive dates of registration, `YYYY-MM-DD`. */
  from?: string | undefined;
  to?: string | undefined;
  /** Inclusive dates the outcome was recorded on, `YYYY-MM-DD`. */
  outcomeFrom?: string | undefined;
  outcomeTo?: string | undefined;
  /** Inclusive dates of an escalation, `YYYY-MM-DD`. */
  escalatedFrom?: string | undefined;
  escalatedTo?: string | undefined;
};

/** The list's equality filters, each the leading key of an index (ensureIndexes). */
const listFilters = ['region', 'district', 'status', 'urgency', 'category', 'mediatorId'] as const;

/** The list's conditions and the branches its scope is read as. */
function listQuery(scope: CaseScope, filters: CaseFilters) {
  const where: Record<string, unknown> = {};
  for (const field of listFilters) {
    if (filters[field] !== undefined) where[field] = filters[field];
  }
  // ISO instants compare as strings. The days are Kazakhstan's: from the instant `from` begins
  // there to the last millisecond of `to`.
  const registeredAt = {
    ...(filters.from ? { $gte: startOfDay(filters.from).toISOString() } : {}),
    ...(filters.to ? { $lte: endOfDay(filters.to).toISOString() } : {}),
  };
  if (Object.keys(registeredAt).length > 0) where.registeredAt = registeredAt;
  // A range beside the branch's indexed equality and month (docs/adr/0014), not a query's lead.
  const recordedOn = {
    ...(filters.outcomeFrom ? { $gte: filters.outcomeFrom } : {}),
    ...(filters.outcomeTo ? { $lte: filters.outcomeTo } : {}),
  };
  if (Object.keys(recordedOn).length > 0) where['outcome.recordedOn'] = recordedOn;
  // One escalation's day within the range (not one after `from` and another before `to`).
  const escalatedOn = {
    ...(filters.escalatedFrom ? { $gte: filters.escalatedFrom } : {}),
    ...(filters.escalatedTo ? { $lte: filters.escalatedTo } : {}),
  };
  if (Object.keys(escalatedOn).length > 0) where.escalatedOn = { $elemMatch: escalatedOn };
  // The whole republic with no equality to filter on is read region by region, each an index
  // range, rather than as one scan of every case.
  const everything = scope.branches.some((branch) => Object.keys(branch).length === 0);
  const branches =
    everything && !listFilters.some((field) => field in where)
      ? regions.map(({ kato }) => ({ region: kato }))
      : scope.branches;
  return { where, branches };
}

function newestFirst(a: StoredCase, b: StoredCase): number {
  if (a.registeredAt !== b.registeredAt) return a.registeredAt < b.registeredAt ? 1 : -1;
  return a._id === b._id ? 0 : a._id < b._id ? 1 : -1;
}

/** A sweep's progress: the day its last completed pass read through, one document per job. */
type JobMark = { _id: string; day: string };

export class CaseStore {
  readonly log: CommitLog<CaseState>;
  readonly cases: Collection<StoredCase>;
  readonly partyNames: PartyNameIndex;
  readonly jobMarks: Collection<JobMark>;

  constructor(connection: Connection) {
    // The audit trail's keys, at the commit's top level where an index answers them (case-audit.ts).
    this.log = new CommitLog<CaseState>(connection, 'cases', ({ state, audit }) => ({
      region: state.region,
      district: state.district,
      ...(typeof audit?.sub === 'string' ? { actor: audit.sub } : {}),
    }));
    this.cases = nativeCollection<StoredCase>(connection, 'cases');
    this.partyNames = new PartyNameIndex(connection);
    this.jobMarks = nativeCollection<JobMark>(connection, 'jobMarks');
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    // One index per list filter and branch key, then the keyset order: a page is read in that
    // order and stops at its size (on the embedded store too, docs/adr/0012).
    for (const field of [
      'region',
      'district',
      'status',
      'urgency',
      'category',
      'mediatorId',
      'registeredBy',
      'mediatorUserId',
    ]) {
      await this.cases.createIndex({ [field]: 1, registeredAt: -1, _id: -1 });
    }
    // A region's page of one status (a group's or a supervisor's usual list) reads exactly its
    // rows; led by the region alone it reads the region's newest cases until the status turns up.
    await this.cases.createIndex({ region: 1, status: 1, registeredAt: -1, _id: -1 });
    await this.cases.createIndex({ registeredAt: -1, _id: -1 });
    await this.partyNames.ensureIndexes();
    await this.cases.createIndex({ followUpDue: 1, status: 1 });
    await this.cases.createIndex({ status: 1, closedOn: 1 });
    await this.cases.createIndex({ status: 1, updatedAt: 1 });
    // A store from before pages were read in order walked them month by month: those indexes
    // only cost its writes now.
    for (const index of await this.cases.listIndexes().toArray()) {
      if ('registeredMonth' in (index.key as object)) await this.cases.dropIndex(index.name as string);
    }
  }

  async load(caseId: string): Promise<StoredCase | null> {
    return (await this.log.load(caseId)) as StoredCase | null;
  }

  async list(scope: CaseScope, filters: CaseFilters, limit: number, cursor: string | undefined) {
    const { where, branches } = listQuery(scope, filters);
    const after = decodeCursor(cursor, ['string', 'string']);
    const items =
      branches.length === 0
        ? []
        : await keysetPage(this.cases, {
            branches,
            where,
            order: { field: 'registeredAt', direction: -1 },
            after,
            limit: limit + 1,
          });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = items.length > limit && last ? encodeCursor([last.registeredAt, last._id]) : null;
    return { items: page, nextCursor };
  }

  /**
   * Every case of the list's scope and filters, newest first, in pages: one cursor per branch,
   * merged (the kit's sorted merge), so an export reads each case once, not a page range per page.
   */
  exportPages(scope: CaseScope, filters: CaseFilters, pageSize: number): AsyncGenerator<StoredCase[]> {
    const { where, branches } = listQuery(scope, filters);
    const cursors = branches.map((branch) =>
      this.cases
        .find(bothConditions(branch, where) as Filter<StoredCase>)
        .sort({ registeredAt: -1, _id: -1 })
        .batchSize(pageSize),
    );
    return mergedPages(cursors, newestFirst, pageSize);
  }

  /**
   * Cases in the district registered since `since` that share a party name hash, other than
   * `caseId` itself (a retried registration finds its own entries). The cases are read by `_id`
   * (one `$in`), so an entry left by a registration that never committed, or a hash since erased,
   * is dropped. Also answers each hash's first free slot in the lookup, for `partyNames.add`.
   */
  async duplicateCandidates(
    caseId: string,
    district: string,
    hashes: readonly string[],
    since: string,
  ): Promise<{ candidates: DuplicateCandidate[]; freeSlots: Map<string, number> }> {
    const ids = new Set<string>();
    const freeSlots = new Map<string, number>();
    for (const [hash, chain] of await this.partyNames.casesNaming(district, hashes, since)) {
      for (const id of chain.caseIds) ids.add(id);
      freeSlots.set(hash, chain.freeSlot);
    }
    ids.delete(caseId);
    const candidates: DuplicateCandidate[] = [];
    const found =
      ids.size === 0 ? [] : await this.cases.find({ _id: { $in: [...ids].slice(0, 50) } }).toArray();
    for (const doc of found) {
      if (doc.district !== district || doc.registeredAt < since) continue;
      if (!doc.partyNameHashes.some((hash) => hashes.includes(hash))) continue;
      candidates.push({
        caseId: doc._id,
        caseNumber: doc.caseNumber,
        district: doc.district,
        registeredAt: doc.registeredAt,
        partyNameHashes: doc.partyNameHashes,
      });
    }
    return { candidates, freeSlots };
  }

  /**
   * Cases in outcome whose follow-up falls on `day` and that were not flagged yet: one equality on
   * the due day (an index's leading key), so a pass reads what is due, not every case in outcome.
   */
  async followUpsDueOn(day: string, limit: number): Promise<string[]> {
    const found = await this.cases
      .find({ followUpDue: day, status: 'outcome', followUpDueNotified: false }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    return found.map((doc) => doc._id);
  }

  /** The day through which `job`'s last completed pass read, or null before its first. */
  async jobMark(job: string): Promise<string | null> {
    return (await this.jobMarks.findOne({ _id: job }))?.day ?? null;
  }

  async setJobMark(job: string, day: string): Promise<void> {
    // Two sweeps may finish their first pass at once, both inserting the mark.
    await upsertRacing(() => this.jobMarks.updateOne({ _id: job }, { $set: { day } }, { upsert: true }));
  }

  /**
   * Ended cases still holding personal data whose end lies on or before `cutoffDay`: closed ones
   * by their closing day, the other ends by their last change. (`dataErasedAt: null` also matches
   * cases stored before the field existed.) One query per ended status, each led by its status
   * (an index's leading key), since a top-level `$or` is a scan on FerretDB.
   */
  async retentionDue(cutoffDay: string, limit: number): Promise<string[]> {
    const ends = [
      { status: 'closed', closedOn: { $lte: cutoffDay } },
      ...['declined', 'referred_out', 'withdrawn'].map((status) => ({
        status,
        updatedAt: { $lte: endOfDay(cutoffDay).toISOString() },
      })),
    ];
    const found = await Promise.all(
      ends.map((end) =>
        this.cases
          .find({ ...end, dataErasedAt: null } as unknown as Filter<StoredCase>, { projection: { _id: 1 } })
          .limit(limit)
          .toArray(),
      ),
    );
    return found
      .flat()
      .slice(0, limit)
      .map((doc) => doc._id);
  }
}

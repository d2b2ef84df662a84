// Recommendations: their commit log and read-model queries (lists by due date, the sweep's
// candidates, counts for the risk index and statistics).
import { CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Recommendation } from '../domain/recommendation.ts';
import { keysetPage } from './keyset-page.ts';

export type RecommendationDocument = Current<Recommendation>;

export type RecommendationFilter = {
  scope: readonly Record<string, string>[];
  region?: string | undefined;
  district?: string | undefined;
  status?: string | undefined;
  visitId?: string | undefined;
  ownerGroupId?: string | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** The states a recommendation is still to be done in. */
const inProgress = ['open', 'in_progress'] as const;

export class RecommendationStore {
  readonly log: CommitLog<Recommendation>;
  private readonly recommendations: Collection<RecommendationDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<Recommendation>(connection, 'recommendations');
    this.recommendations = this.log.current as unknown as Collection<RecommendationDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    // Each list filter leads an index ending in the list's order (issuedAt, _id).
    for (const field of ['region', 'district', 'visitId', 'ownerGroupId']) {
      await this.recommendations.createIndex({ [field]: 1, issuedAt: -1, _id: -1 });
    }
    await this.recommendations.createIndex({ status: 1, overdue: 1, dueDate: 1 });
    await this.recommendations.createIndex({ region: 1, status: 1, overdue: 1 });
  }

  load(id: string): Promise<RecommendationDocument | null> {
    return this.log.load(id);
  }

  list(filter: RecommendationFilter, cursor: string | undefined, limit: number) {
    const where: Record<string, unknown> = {};
    if (filter.region) where.region = filter.region;
    if (filter.district) where.district = filter.district;
    if (filter.status) where.status = filter.status;
    if (filter.visitId) where.visitId = filter.visitId;
    if (filter.ownerGroupId) where.ownerGroupId = filter.ownerGroupId;
    if (filter.overdue !== undefined) where.overdue = filter.overdue;
    const dueDate = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lte: filter.to } : {}),
    };
    if (Object.keys(dueDate).length > 0) where.dueDate = dueDate;
    return keysetPage(
      this.recommendations,
      { branches: filter.scope, where, keys: ['region', 'district', 'status', 'visitId', 'ownerGroupId'] },
      'issuedAt',
      cursor,
      limit,
    );
  }

  /** The drafts kept with a visit, issued when it is approved. */
  draftsOf(visitId: string): Promise<RecommendationDocument[]> {
    return this.recommendations
      .find({ visitId, status: 'draft' } as Filter<RecommendationDocument>)
      .sort({ _id: 1 })
      .toArray();
  }

  /**
   * Not done, not yet marked overdue, due before `today`: the sweep's candidates. One query per
   * status still in progress, each led by its status (an index's leading key), merged by due date.
   */
  async dueForOverdue(today: string, limit: number): Promise<RecommendationDocument[]> {
    const found = await Promise.all(
      inProgress.map((status) =>
        this.recommendations
          .find({ status, overdue: false, dueDate: { $lt: today } } as Filter<RecommendationDocument>)
          .sort({ dueDate: 1 })
          .limit(limit)
          .toArray(),
      ),
    );
    return found
      .flat()
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))
      .slice(0, limit);
  }

  /**
   * Open and in-progress recommendations of a region (and district) that are overdue: one count per
   * status, so that region, status and overdue are all equalities the index answers together and
   * the count stays the size of what it counts (the consumer asks at every case event).
   */
  countOverdue(region: string, district?: string): Promise<number> {
    return this.countInProgress({ region, ...(district ? { district } : {}), overdue: true });
  }

  countOpen(region: string, district?: string): Promise<number> {
    return this.countInProgress({ region, ...(district ? { district } : {}) });
  }

  private async countInProgress(filter: Record<string, unknown>): Promise<number> {
    const counts = await Promise.all(
      inProgress.map((status) =>
        this.recommendations.countDocuments({ ...filter, status } as Filter<RecommendationDocument>),
      ),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }
}

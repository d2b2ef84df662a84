// Recommendations: their commit log and read-model queries (lists by due date, the sweep's
// candidates, counts for the risk index and statistics).
import { CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Recommendation } from '../domain/recommendation.ts';
import { keysetPage } from './keyset-page.ts';

export type RecommendationDocument = Current<Recommendation>;

export type RecommendationFilter = {
  scope: Record<string, unknown>;
  region?: string | undefined;
  district?: string | undefined;
  status?: string | undefined;
  visitId?: string | undefined;
  ownerGroupId?: string | undefined;
  overdue?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export class RecommendationStore {
  readonly log: CommitLog<Recommendation>;
  private readonly recommendations: Collection<RecommendationDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<Recommendation>(connection, 'recommendations');
    this.recommendations = this.log.current as unknown as Collection<RecommendationDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.recommendations.createIndex({ region: 1, issuedAt: -1 });
    await this.recommendations.createIndex({ status: 1, overdue: 1, dueDate: 1 });
    await this.recommendations.createIndex({ visitId: 1 });
  }

  load(id: string): Promise<RecommendationDocument | null> {
    return this.log.load(id);
  }

  list(filter: RecommendationFilter, cursor: string | undefined, limit: number) {
    const query: Record<string, unknown>[] = [filter.scope];
    if (filter.region) query.push({ region: filter.region });
    if (filter.district) query.push({ district: filter.district });
    if (filter.status) query.push({ status: filter.status });
    if (filter.visitId) query.push({ visitId: filter.visitId });
    if (filter.ownerGroupId) query.push({ ownerGroupId: filter.ownerGroupId });
    if (filter.overdue !== undefined) query.push({ overdue: filter.overdue });
    if (filter.from) query.push({ dueDate: { $gte: filter.from } });
    if (filter.to) query.push({ dueDate: { $lte: filter.to } });
    return keysetPage(
      this.recommendations,
      { $and: query } as Filter<RecommendationDocument>,
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

  /** Not done, not yet marked overdue, due before `today`: the sweep's candidates. */
  dueForOverdue(today: string, limit: number): Promise<RecommendationDocument[]> {
    return this.recommendations
      .find({
        status: { $in: ['open', 'in_progress'] },
        overdue: false,
        dueDate: { $lt: today },
      } as Filter<RecommendationDocument>)
      .sort({ dueDate: 1 })
      .limit(limit)
      .toArray();
  }

  countOverdue(region: string, district?: string): Promise<number> {
    return this.recommendations.countDocuments({
      region,
      ...(district ? { district } : {}),
      overdue: true,
      status: { $in: ['open', 'in_progress'] },
    } as Filter<RecommendationDocument>);
  }

  countOpen(region: string, district?: string): Promise<number> {
    return this.recommendations.countDocuments({
      region,
      ...(district ? { district } : {}),
      status: { $in: ['open', 'in_progress'] },
    } as Filter<RecommendationDocument>);
  }
}

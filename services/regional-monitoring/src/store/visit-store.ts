// Visits: their commit log (state + events, one commit per command) and read-model queries.
import { CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Visit } from '../domain/visit.ts';
import { keysetPage } from './keyset-page.ts';

export type VisitDocument = Current<Visit>;

export type VisitFilter = {
  scope: readonly Record<string, string>[];
  region?: string | undefined;
  district?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export class VisitStore {
  readonly log: CommitLog<Visit>;
  private readonly visits: Collection<VisitDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<Visit>(connection, 'visits');
    this.visits = this.log.current as unknown as Collection<VisitDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.visits.createIndex({ region: 1, createdAt: -1, _id: -1 });
    await this.visits.createIndex({ districts: 1, createdAt: -1, _id: -1 });
    await this.visits.createIndex({ status: 1, createdAt: -1, _id: -1 });
  }

  load(id: string): Promise<VisitDocument | null> {
    return this.log.load(id);
  }

  list(filter: VisitFilter, cursor: string | undefined, limit: number) {
    const where: Record<string, unknown> = {};
    if (filter.region) where.region = filter.region;
    if (filter.district) where.districts = filter.district;
    if (filter.status) where.status = filter.status;
    // A visit matches a date range when its planned days overlap it.
    if (filter.from) where.plannedTo = { $gte: filter.from };
    if (filter.to) where.plannedFrom = { $lte: filter.to };
    return keysetPage(
      this.visits,
      { branches: filter.scope, where, keys: ['region', 'districts', 'status'] },
      'createdAt',
      cursor,
      limit,
    );
  }

  /** The region's most recently approved visit: its findings feed the risk index. */
  async latestApproved(region: string): Promise<VisitDocument | null> {
    const [latest] = await this.visits
      .find({ region, status: 'reviewed', 'review.decision': 'approved' } as Filter<VisitDocument>)
      .sort({ 'review.reviewedAt': -1 })
      .limit(1)
      .toArray();
    return latest ?? null;
  }

  /** Visits per status in a region (and district), for statistics. */
  /** The partners each visit of a region (and district) met, one list per visit that met any. */
  async partnersMet(region: string, district: string | undefined): Promise<string[][]> {
    const match: Record<string, unknown> = { region, ...(district ? { districts: district } : {}) };
    const rows = await this.visits
      .find(match as Filter<VisitDocument>, { projection: { partnersMet: 1 } })
      .toArray();
    return rows.map((row) => row.partnersMet ?? []).filter((met) => met.length > 0);
  }

  async countByStatus(region: string, district: string | undefined): Promise<Record<string, number>> {
    const match: Record<string, unknown> = { region, ...(district ? { districts: district } : {}) };
    const rows = await this.visits
      .aggregate<{ _id: string; count: number }>([
        { $match: match },
        { $group: { _id: '$status', count: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.map((row) => [row._id, row.count]));
  }
}

// Regional risk: one stream per region (its KATO code). Each recomputation is a commit holding the
// new state and its events; the history of band changes is read back from the commits.
import { CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { BandChange, RegionRisk } from '../domain/region-risk.ts';

export type RegionRiskDocument = Current<RegionRisk>;

export class RiskStore {
  readonly log: CommitLog<RegionRisk>;
  private readonly risks: Collection<RegionRiskDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<RegionRisk>(connection, 'region_risk');
    this.risks = this.log.current as unknown as Collection<RegionRiskDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.log.commits.createIndex({ streamId: 1, 'state.lastChange.at': -1 });
  }

  load(region: string): Promise<RegionRiskDocument | null> {
    return this.log.load(region);
  }

  list(scope: Record<string, unknown>): Promise<RegionRiskDocument[]> {
    return this.risks
      .find(scope as Filter<RegionRiskDocument>)
      .sort({ _id: 1 })
      .toArray();
  }

  /** Regions above calm not scored since `before` (an ISO instant). */
  async staleRegions(before: string): Promise<string[]> {
    const docs = await this.risks
      .find({ scoredAt: { $lt: before }, score: { $gt: 0 } } as Filter<RegionRiskDocument>)
      .project<{ _id: string }>({ _id: 1 })
      .toArray();
    return docs.map((doc) => doc._id);
  }

  /** Band changes of a region, newest first: the commits that changed the band. */
  async changes(region: string, limit: number): Promise<Array<BandChange & { version: number }>> {
    const commits = await this.log.commits
      .find({ streamId: region, 'events.type': 'region.risk-changed.v1' } as never)
      .sort({ version: -1 })
      .limit(limit)
      .toArray();
    return commits.flatMap((commit) => {
      const change = (commit.state as RegionRisk).lastChange;
      return change ? [{ ...change, version: commit.version }] : [];
    });
  }
}

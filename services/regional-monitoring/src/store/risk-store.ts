// Regional risk: one stream per region (its KATO code). Each recomputation is a commit holding the
// new state and its events; the history of band changes is read back from the commits.
import { type Commit, CommitLog, type Current } from '@kelisim/service-kit/commit-log';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { BandChange, RegionRisk } from '../domain/region-risk.ts';

export type RegionRiskDocument = Current<RegionRisk>;

/** Which commit an event's recomputation wrote (or was about to write): `_id` is the event id. */
type CauseMarker = { _id: string; commitId: string };

export class RiskStore {
  readonly log: CommitLog<RegionRisk>;
  private readonly risks: Collection<RegionRiskDocument>;
  private readonly causes: Collection<CauseMarker>;

  constructor(connection: Connection) {
    this.log = new CommitLog<RegionRisk>(connection, 'region_risk');
    this.risks = this.log.current as unknown as Collection<RegionRiskDocument>;
    this.causes = nativeCollection<CauseMarker>(connection, 'region_risk_causes');
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.log.commits.createIndex({ streamId: 1, 'state.lastChange.at': -1 });
  }

  /**
   * The commit an event already caused, if it did: its marker names the commit, and the commit
   * says which event caused it. Two `_id` reads, so every recomputation can afford the check that
   * makes a redelivered event (its handler ran, then the process died before the consumer noted
   * it) score its region once, not twice.
   */
  async scoredBy(eventId: string): Promise<Commit<RegionRisk> | null> {
    const marker = await this.causes.findOne({ _id: eventId });
    if (!marker) return null;
    const commit = (await this.log.commits.findOne({ _id: marker.commitId })) as Commit<RegionRisk> | null;
    return commit?.events.some((event) => event.causationid === eventId) ? commit : null;
  }

  /** Written before the commit it names: a marker whose commit never landed is simply not trusted. */
  async markCause(eventId: string, region: string, version: number): Promise<void> {
    await this.causes.replaceOne({ _id: eventId }, { commitId: `${region}:${version}` }, { upsert: true });
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

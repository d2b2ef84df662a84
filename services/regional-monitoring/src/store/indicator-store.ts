// The indicator catalogue: one stream per indicator, so that an administrator's edit carries its
// own version (ETag). The default set is seeded once; seeding again changes nothing.

import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { CommitLog, type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { defaultIndicators, type Indicator } from '../domain/indicators.ts';

export type IndicatorDocument = Current<Indicator>;

export class IndicatorStore {
  readonly log: CommitLog<Indicator>;
  private readonly indicators: Collection<IndicatorDocument>;

  constructor(connection: Connection) {
    this.log = new CommitLog<Indicator>(connection, 'indicators');
    this.indicators = this.log.current as unknown as Collection<IndicatorDocument>;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
  }

  /** Seeds the default catalogue; an indicator that exists (edited or not) is left alone. */
  async seedDefaults(now: Date): Promise<void> {
    const existing = new Set(
      (await this.indicators.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
    );
    for (const indicator of defaultIndicators) {
      if (existing.has(indicator.code)) continue;
      await this.log
        .append({ streamId: indicator.code, expectedVersion: 0, events: [], state: indicator, now })
        .catch((error: unknown) => {
          // Another instance seeded it first.
          if (!(error instanceof VersionConflictError)) throw error;
        });
    }
  }

  load(code: string): Promise<IndicatorDocument | null> {
    return this.log.load(code);
  }

  async all(): Promise<IndicatorDocument[]> {
    return this.indicators.find({}).sort({ _id: 1 }).toArray();
  }

  async catalogue(): Promise<Indicator[]> {
    return (await this.all()).map(stateOf);
  }
}

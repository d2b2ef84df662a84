// Practice for renewal: the cases each mediator closed after an outcome was reached, one document
// per (mediator, case). The natural key makes counting idempotent beyond the consumer's event-id
// dedupe: a case closed, reopened and closed again is still one case of practice.
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

export type PracticeCase = {
  _id: string;
  mediatorId: string;
  caseId: string;
  region: string;
  closedOn: string;
  recordedAt: Date;
};

export class PracticeStore {
  readonly cases: Collection<PracticeCase>;

  constructor(connection: Connection) {
    this.cases = nativeCollection<PracticeCase>(connection, 'practice_cases');
  }

  async ensureIndexes(): Promise<void> {
    await this.cases.createIndex({ mediatorId: 1, closedOn: 1 });
  }

  /** True when the case is new practice for the mediator. */
  async record(entry: Omit<PracticeCase, '_id' | 'recordedAt'>, now: Date): Promise<boolean> {
    const result = await this.cases.updateOne(
      { _id: `${entry.mediatorId}:${entry.caseId}` },
      { $setOnInsert: { ...entry, recordedAt: now } },
      { upsert: true },
    );
    return result.upsertedCount === 1;
  }

  /** Cases closed on or after `since` (all of them when omitted). */
  count(mediatorId: string, since?: string): Promise<number> {
    return this.cases.countDocuments(since ? { mediatorId, closedOn: { $gte: since } } : { mediatorId });
  }
}

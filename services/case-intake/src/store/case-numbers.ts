// Case number sequences: one counter document per region and year, advanced atomically with
// findOneAndUpdate + $inc, so concurrent registrations on several instances never share a number.
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { caseNumberCounterKey, formatCaseNumber } from '../domain/case-number.ts';

type Counter = { _id: string; seq: number };

export class CaseNumbers {
  private readonly counters: Collection<Counter>;

  constructor(connection: Connection) {
    this.counters = nativeCollection<Counter>(connection, 'case_number_counters');
  }

  async next(region: string, now: Date): Promise<string> {
    const year = now.getUTCFullYear();
    const advance = () =>
      this.counters.findOneAndUpdate(
        { _id: caseNumberCounterKey(region, year) },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
    let counter: Counter | null;
    try {
      counter = await advance();
    } catch (error) {
      // Two first registrations of a region's year race to insert its counter: the loser's upsert
      // fails on the unique _id (seen in the fault runs as a 500); the counter exists now.
      if (!isDuplicateKeyError(error)) throw error;
      counter = await advance();
    }
    if (!counter) throw new Error('case number counter was not returned');
    return formatCaseNumber(region, year, counter.seq);
  }
}

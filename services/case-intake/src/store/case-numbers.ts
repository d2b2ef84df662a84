// Case number sequences: one counter document per region and year, advanced with
// findOneAndUpdate + $inc. FerretDB 1.24 runs that as a read then a write without a lock, so two
// concurrent registrations can be handed the same value; each value is therefore claimed by
// inserting a document whose _id is the number (a unique insert is atomic there too), and a
// registration that loses the claim advances again. Numbers stay gapless: the counter moves by one
// per write, and a value that loses its claim was taken by the winner.
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { caseNumberCounterKey, formatCaseNumber } from '../domain/case-number.ts';

type Counter = { _id: string; seq: number };

export class CaseNumbers {
  private readonly counters: Collection<Counter>;
  private readonly claims: Collection<{ _id: string }>;

  constructor(connection: Connection) {
    this.counters = nativeCollection<Counter>(connection, 'case_number_counters');
    this.claims = nativeCollection<{ _id: string }>(connection, 'case_number_claims');
  }

  async next(region: string, now: Date): Promise<string> {
    for (;;) {
      const number = await this.advance(region, now);
      try {
        await this.claims.insertOne({ _id: number });
        return number;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  private async advance(region: string, now: Date): Promise<string> {
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

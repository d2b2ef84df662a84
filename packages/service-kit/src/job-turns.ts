// Whose turn it is to run an interval job this period, among the instances of a service
// (issue 28, docs/adr/0026): the first instance to insert `{ _id: "<job>:<period>" }` runs the
// period's pass; the others get a duplicate key and skip it. A unique `_id` insert is the one write
// FerretDB makes atomically (docs/adr/0008), so the turn holds there as on MongoDB.
//
// The period is `floor(now / intervalMs)` by the service's clock, so that a test that moves the
// clock moves the periods with it. When the claim itself fails (the store away), the instance runs
// anyway: every sweep is safe to run on several instances at once, and a missed sweep (an expiry
// or an escalation late by a period) costs more than a doubled one.
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Logger } from './log.ts';
import { isDuplicateKeyError, nativeCollection } from './mongo.ts';

type TurnDocument = { _id: string; job: string; period: number; at: Date };

/** Whether this instance holds the period's turn: `mine`, `taken` by another, or `unknown` (the claim failed). */
export type Turn = 'mine' | 'taken' | 'unknown';

/** How many periods back a turn is kept: the turn of two periods earlier is deleted at each claim. */
const keptPeriods = 2;

export class JobTurns {
  private readonly turns: Collection<TurnDocument>;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
    collectionName = 'jobTurns',
  ) {
    this.turns = nativeCollection<TurnDocument>(connection, collectionName);
  }

  /** The period `now` falls in for a job run every `intervalMs`. */
  periodOf(intervalMs: number): number {
    return Math.floor(this.clock().getTime() / intervalMs);
  }

  /** Milliseconds from now to the start of `period` (negative once it has begun). */
  untilPeriod(period: number, intervalMs: number): number {
    return period * intervalMs - this.clock().getTime();
  }

  /** Claims `job`'s turn for the current period. */
  async claim(job: string, intervalMs: number, logger: Logger): Promise<{ turn: Turn; period: number }> {
    const period = this.periodOf(intervalMs);
    try {
      await this.turns.insertOne({ _id: `${job}:${period}`, job, period, at: this.clock() });
    } catch (error) {
      if (isDuplicateKeyError(error)) return { turn: 'taken', period };
      logger.warn(
        { err: error, job, period },
        'job turn not claimed; running anyway (the sweeps are safe concurrently)',
      );
      return { turn: 'unknown', period };
    }
    // By `_id` (index-answered on FerretDB too); an old turn left behind by a failed delete is harmless.
    await this.turns.deleteOne({ _id: `${job}:${period - keptPeriods}` }).catch(() => {});
    return { turn: 'mine', period };
  }
}

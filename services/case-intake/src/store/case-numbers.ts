// Case number sequences, one per region and year. A number is issued by inserting a claim whose
// `_id` is the number: the unique `_id` is the only atomic step FerretDB 1.24 offers (its
// findOneAndUpdate + $inc is a read then a write without a lock, and handed two registrations one
// value). Each process keeps the next number to try per sequence and hands it out before the
// insert, so its own concurrent registrations never collide; another process (a replica, or this
// one before a restart) that took the number makes the insert fail, and the process looks for the
// first free number again. So issuing a number is one insert (a counter document would cost a
// findAndModify as well), and concurrent registrations share that insert (the kit's group
// commit: one insertMany, each claim still failing on its own) (issue 11).
//
// The first free number is found by probing claims by `_id` (FerretDB answers those from its
// index): doubling steps, then a binary search. Claims normally form an unbroken run from 1; a
// number lost to a failed insert or a crash leaves a hole, which the search may fill later, so a
// number can be issued out of order, but never twice.
import { dayOf } from '@kelisim/contracts/calendar';
import { GroupCommit, insertEach } from '@kelisim/service-kit/group-commit';
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { caseNumberCounterKey, formatCaseNumber } from '../domain/case-number.ts';

export class CaseNumbers {
  private readonly claims: Collection<{ _id: string }>;
  private readonly claimInserts = new GroupCommit<{ _id: string }>((claims) =>
    insertEach(this.claims, claims),
  );
  /** Per sequence (region and year), the next number this process will try. */
  private readonly nextToTry = new Map<string, number>();
  /** Per sequence, the search for the first free number in flight: one at a time. */
  private readonly searches = new Map<string, Promise<void>>();

  constructor(connection: Connection) {
    this.claims = nativeCollection<{ _id: string }>(connection, 'case_number_claims');
  }

  async next(region: string, now: Date): Promise<string> {
    const year = Number(dayOf(now).slice(0, 4));
    const sequence = caseNumberCounterKey(region, year);
    let from = 1;
    for (;;) {
      const seq = await this.take(sequence, from, (n) => this.isClaimed(formatCaseNumber(region, year, n)));
      const number = formatCaseNumber(region, year, seq);
      try {
        await this.claimInserts.submit({ _id: number });
        return number;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another process issued it: search again from there, unless this process moved on.
        if (this.nextToTry.get(sequence) === seq + 1) this.nextToTry.delete(sequence);
        from = seq + 1;
      }
    }
  }

  /** The number to try, taken synchronously so that the next caller in this process gets the one after. */
  private async take(sequence: string, from: number, isTaken: (n: number) => Promise<boolean>) {
    for (;;) {
      const seq = this.nextToTry.get(sequence);
      if (seq !== undefined) {
        this.nextToTry.set(sequence, seq + 1);
        return seq;
      }
      let search = this.searches.get(sequence);
      if (!search) {
        search = firstFree(from, isTaken)
          .then((free) => {
            if (!this.nextToTry.has(sequence)) this.nextToTry.set(sequence, free);
          })
          .finally(() => this.searches.delete(sequence));
        this.searches.set(sequence, search);
      }
      await search;
    }
  }

  private async isClaimed(number: string): Promise<boolean> {
    return (await this.claims.findOne({ _id: number }, { projection: { _id: 1 } })) !== null;
  }
}

/**
 * The lowest `n >= from` with `n` free and, unless `n === from`, `n - 1` taken: doubling steps from
 * `from` until a free one, then a binary search between the last taken and that free one.
 */
export async function firstFree(from: number, isTaken: (n: number) => Promise<boolean>): Promise<number> {
  if (!(await isTaken(from))) return from;
  let taken = from;
  let step = 1;
  let free = from + step;
  while (await isTaken(free)) {
    taken = free;
    step *= 2;
    free = from + step;
  }
  while (free - taken > 1) {
    const middle = Math.floor((taken + free) / 2);
    if (await isTaken(middle)) taken = middle;
    else free = middle;
  }
  return free;
}

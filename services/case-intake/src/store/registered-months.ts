// The list's buckets. FerretDB sorts a query's matches after fetching them all (docs/adr/0014), so
// a page led by `region` alone costs the region's whole registry. Each case carries the month of
// its registration (`registeredMonth`, `YYYY-MM` of its day in Kazakhstan), and a page reads one
// month per query, newest first, until it is full or passes the registry's first month. The
// month is a non-decreasing function of `registeredAt`, so the months read in turn, each in
// (registeredAt, _id) order, are the same order as one query over them all.
//
// The range of months the registry holds is one document read by `_id`, widened (`$min`/`$max`)
// before a registration commits: a month noted whose case never committed only lengthens a walk.
// A store whose cases predate the field gets it once, at startup, when that document is missing.
import { dayOf } from '@kelisim/contracts/calendar';
import type { Collection } from 'mongodb';

/** The months of registration the registry holds, inclusive. */
export type MonthRange = { first: string; last: string };

type RangeDocument = { _id: string } & MonthRange;

const rangeId = 'registered-months';

/** `YYYY-MM` of the day in Kazakhstan at an instant (ISO string or Date). */
export function monthOf(instant: string | Date): string {
  return dayOf(typeof instant === 'string' ? new Date(instant) : instant).slice(0, 7);
}

/** The month before `month` (`YYYY-MM`). */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** `monthOf(instant)`, or undefined for a value that is not an instant. */
export function monthOfValid(instant: string): string | undefined {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? undefined : monthOf(date);
}

export class RegisteredMonths {
  /** What this instance knows the stored range covers at least (it only ever widens). */
  private known: MonthRange | null = null;

  constructor(private readonly ranges: Collection<RangeDocument>) {}

  /** The stored range, or null while no case was ever registered. */
  async range(): Promise<MonthRange | null> {
    const found = await this.ranges.findOne({ _id: rangeId });
    this.known = found ? { first: found.first, last: found.last } : null;
    return this.known;
  }

  /** Widens the range to hold `first`..`last`; a write only when this instance does not know it does. */
  async note(first: string, last: string = first): Promise<void> {
    if (this.known && this.known.first <= first && last <= this.known.last) return;
    const stored = await this.ranges.findOneAndUpdate(
      { _id: rangeId },
      { $min: { first }, $max: { last } },
      { upsert: true, returnDocument: 'after' },
    );
    if (stored) this.known = { first: stored.first, last: stored.last };
  }

  /**
   * Once, for a store without the range: every case lacking `registeredMonth` gets it from
   * `registeredAt`, and the range is set from all of them. A whole read of the cases, so it runs
   * only while the range document is missing (a store written before the field, or an empty one).
   */
  async backfill(
    cases: Collection<{ _id: string; registeredAt: string; registeredMonth?: string }>,
  ): Promise<void> {
    if (await this.range()) return;
    let first: string | undefined;
    let last: string | undefined;
    let missing: { _id: string; month: string }[] = [];
    const flush = async () => {
      if (missing.length === 0) return;
      await cases.bulkWrite(
        missing.map(({ _id, month }) => ({
          updateOne: { filter: { _id }, update: { $set: { registeredMonth: month } } },
        })),
        { ordered: false },
      );
      missing = [];
    };
    const all = cases.find({}, { projection: { _id: 1, registeredAt: 1, registeredMonth: 1 } });
    for await (const doc of all) {
      const month = doc.registeredMonth ?? monthOf(doc.registeredAt);
      if (doc.registeredMonth === undefined) missing.push({ _id: doc._id, month });
      if (first === undefined || month < first) first = month;
      if (last === undefined || month > last) last = month;
      if (missing.length >= 500) await flush();
    }
    await flush();
    if (first !== undefined && last !== undefined) await this.note(first, last);
  }
}

// One keyset page (DESIGN.md §5) over a scope given as alternatives: a principal who sees two
// regions, or the cases they registered or are assigned, is two branches. Each branch is read as
// its own query, flat, with the equality that names it at the top level, and the pages are merged.
// A single query with `$or`/`$and` at the top would be answered by a collection scan on FerretDB,
// which pushes down only top-level equalities (issue 21); on MongoDB each branch is one index range.
import type { Collection, Document } from 'mongodb';

type Conditions = Record<string, unknown>;

export type KeysetOrder = {
  /** The sort field, `_id` breaking ties; `_id` alone when it is `_id`. */
  field: string;
  direction: 1 | -1;
};

export type KeysetQuery = {
  /** A document is listed when it matches one branch; `[]` lists nothing, `[{}]` everything. */
  branches: readonly Conditions[];
  /** What every listed document also meets (filters of the request). */
  where?: Conditions;
  order: KeysetOrder;
  /** The sort keys of the previous page's last item: (field, _id), or (_id) when sorting by `_id`. */
  after?: readonly unknown[] | null;
  /** Documents read at most: a page's size plus one tells whether there is a next page. */
  limit: number;
};

function isOperators(value: unknown): value is Conditions {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.constructor === Object &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => key.startsWith('$'))
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return typeof a !== 'object' && a === b;
}

/**
 * Both sets of conditions as one flat filter: operators on the same field are joined, and a field
 * both sides compare differently goes to `$and` (two equalities on an array field both hold when
 * it holds both values).
 */
export function bothConditions(a: Conditions, b: Conditions): Conditions {
  const out: Conditions = { ...a };
  const and: Conditions[] = [];
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (!(key in out)) out[key] = value;
    else if (sameValue(mine, value)) continue;
    else if (
      isOperators(mine) &&
      isOperators(value) &&
      Object.keys(value).every((operator) => !(operator in mine))
    ) {
      out[key] = { ...mine, ...value };
    } else and.push({ [key]: value });
  }
  if (and.length > 0) out.$and = [...((out.$and as Conditions[] | undefined) ?? []), ...and];
  return out;
}

function afterCondition({ field, direction }: KeysetOrder, after: readonly unknown[]): Conditions {
  const beyond = direction === -1 ? '$lt' : '$gt';
  if (field === '_id') return { _id: { [beyond]: after[0] } };
  const [value, id] = after;
  // The bound the `$or` implies, said once more at the top level: an index on the order's field
  // then starts at the cursor (MongoDB's bounds, PostgreSQL's index condition under the embedded
  // store) instead of walking down to it from the newest entry.
  const upTo = direction === -1 ? '$lte' : '$gte';
  return {
    [field]: { [upTo]: value },
    $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: id } }],
  };
}

function compareKeys(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return (x as number | string) < (y as number | string)
    ? -1
    : (x as number | string) > (y as number | string)
      ? 1
      : 0;
}

/** At most `limit` documents of the scope, in order, after the cursor's keys. */
export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  { branches, where = {}, order, after = null, limit }: KeysetQuery,
): Promise<T[]> {
  const sort =
    order.field === '_id'
      ? { _id: order.direction }
      : { [order.field]: order.direction, _id: order.direction };
  const tail = after ? bothConditions(where, afterCondition(order, after)) : where;
  const filters = branches.map((branch) => bothConditions(branch, tail));
  const pages = await Promise.all(
    filters.map(
      (filter) =>
        collection
          .find(filter as never)
          .sort(sort as never)
          .limit(limit)
          .toArray() as Promise<T[]>,
    ),
  );
  if (pages.length === 1) return pages[0] as T[];
  const byId = new Map(pages.flat().map((doc) => [doc._id, doc]));
  const compare = (a: T, b: T) =>
    order.direction *
    ((order.field === '_id' ? 0 : compareKeys(a[order.field], b[order.field])) || compareKeys(a._id, b._id));
  const merged = [...byId.values()].sort(compare);
  return merged.slice(0, limit);
}

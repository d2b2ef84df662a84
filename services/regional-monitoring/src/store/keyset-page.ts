// Keyset pagination over a read model: newest first by (sortField, _id), the cursor the kit's
// opaque one over the last item's keys. No skip: pages stay cheap however deep. The territory's
// branches are read one query each (the kit's keyset page), each led by an equality an index
// answers; the whole republic is read region by region unless the request filters on a key.
import { regions } from '@kelisim/contracts/reference/regions';
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import { keysetPage as kitKeysetPage } from '@kelisim/service-kit/keyset-page';
import type { Collection, Document } from 'mongodb';

export type ScopedQuery = {
  /** The territory as alternatives (scope.ts); `[{}]` is the whole republic. */
  branches: readonly Record<string, string>[];
  /** The request's filters. */
  where: Record<string, unknown>;
  /** Fields of `where` that lead an index: one of them is equality enough without a territory. */
  keys: readonly string[];
};

export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  { branches, where, keys }: ScopedQuery,
  sortField: keyof T & string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const everything = branches.some((branch) => Object.keys(branch).length === 0);
  const items = await kitKeysetPage(collection, {
    branches:
      everything && !keys.some((key) => key in where)
        ? regions.map(({ kato }) => ({ region: kato }))
        : branches,
    where,
    order: { field: sortField, direction: -1 },
    after: decodeCursor(cursor, ['string', 'string']),
    limit: limit + 1,
  });
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = items.length > limit && last ? encodeCursor([String(last[sortField]), last._id]) : null;
  return { items: page, nextCursor };
}

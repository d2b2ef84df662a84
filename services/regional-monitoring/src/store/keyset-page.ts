// Keyset pagination over a read model: newest first by (sortField, _id), the cursor the kit's
// opaque one over the last item's keys. No skip: pages stay cheap however deep.
import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import type { Collection, Document, Filter } from 'mongodb';

export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  sortField: keyof T & string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const conditions: Filter<T>[] = [filter];
  const after = decodeCursor(cursor, ['string', 'string']);
  if (after) {
    const [s, i] = after;
    conditions.push({ $or: [{ [sortField]: { $lt: s } }, { [sortField]: s, _id: { $lt: i } }] } as Filter<T>);
  }
  const items = (await collection
    .find({ $and: conditions } as Filter<T>)
    .sort({ [sortField]: -1, _id: -1 })
    .limit(limit + 1)
    .toArray()) as T[];
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = items.length > limit && last ? encodeCursor([String(last[sortField]), last._id]) : null;
  return { items: page, nextCursor };
}

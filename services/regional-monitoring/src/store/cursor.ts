// Keyset pagination over a read model: newest first by (sortField, _id), the cursor an opaque
// base64url of the last item's keys. No skip: pages stay cheap however deep.
import { ValidationError } from '@kelisim/service-kit/errors';
import type { Collection, Document, Filter } from 'mongodb';

type CursorKeys = { s: string; i: string };

export function encodeCursor(keys: CursorKeys): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorKeys {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorKeys>;
    if (typeof keys.s === 'string' && typeof keys.i === 'string') return { s: keys.s, i: keys.i };
  } catch {
    // answered below
  }
  throw new ValidationError([{ path: '/querystring/cursor', message: 'is not a cursor this API gave out' }]);
}

export async function keysetPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  sortField: keyof T & string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const conditions: Filter<T>[] = [filter];
  if (cursor) {
    const { s, i } = decodeCursor(cursor);
    conditions.push({ $or: [{ [sortField]: { $lt: s } }, { [sortField]: s, _id: { $lt: i } }] } as Filter<T>);
  }
  const items = (await collection
    .find({ $and: conditions } as Filter<T>)
    .sort({ [sortField]: -1, _id: -1 })
    .limit(limit + 1)
    .toArray()) as T[];
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    items.length > limit && last ? encodeCursor({ s: String(last[sortField]), i: last._id }) : null;
  return { items: page, nextCursor };
}

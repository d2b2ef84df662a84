// The one keyset cursor of every list (DESIGN.md §5): the sort keys of a page's last item, as
// base64url JSON, opaque to clients. Pages are read "after these keys", never by skipping, so a
// page stays cheap however deep it is. A cursor this API did not give out is a 400 naming the
// parameter, not a silent first page.
import { ValidationError } from './errors.ts';

/** What a key of a cursor is: a string (an id, an ISO date) or an instant. */
export type CursorKeyKind = 'string' | 'date';
type KeyOf<K extends CursorKeyKind> = K extends 'date' ? Date : string;
export type CursorKeys<T extends readonly CursorKeyKind[]> = { -readonly [I in keyof T]: KeyOf<T[I]> };

/** The cursor after an item with these sort keys. */
export function encodeCursor(keys: readonly (string | Date)[]): string {
  const plain = keys.map((key) => (key instanceof Date ? key.toISOString() : key));
  return Buffer.from(JSON.stringify(plain), 'utf8').toString('base64url');
}

/**
 * The sort keys a cursor carries, of the kinds given: null without a cursor (the first page),
 * a 400 on `/querystring/cursor` when it is not one this API gave out.
 */
export function decodeCursor<const T extends readonly CursorKeyKind[]>(
  cursor: string | undefined,
  kinds: T,
): CursorKeys<T> | null {
  if (cursor === undefined) return null;
  const keys = parse(cursor);
  if (!keys || keys.length !== kinds.length) throw notACursor();
  const decoded = kinds.map((kind, i) => {
    const key = keys[i];
    if (typeof key !== 'string') throw notACursor();
    if (kind === 'string') return key;
    const date = new Date(key);
    if (Number.isNaN(date.getTime())) throw notACursor();
    return date;
  });
  return decoded as CursorKeys<T>;
}

function parse(cursor: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function notACursor(): ValidationError {
  return new ValidationError([
    { path: '/querystring/cursor', code: 'invalid', message: 'is not a cursor this API gave out' },
  ]);
}

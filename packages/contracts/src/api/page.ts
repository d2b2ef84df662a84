import { z } from 'zod';

// Keyset (cursor) pagination: the cursor is opaque to clients; `nextCursor` is null on the last page.

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

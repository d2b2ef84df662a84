// The rows of an export come from the list endpoint's own store query, page after page by its
// cursor: the same filters and the same scope as the list, and at most one page in memory.

export type Page<Row> = { items: readonly Row[]; nextCursor: string | null };

/** Every page of a cursor-paged list, read one after another. */
export async function* pagesOf<Row>(
  read: (cursor: string | undefined) => Promise<Page<Row>>,
): AsyncGenerator<readonly Row[]> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** The pages with `each` applied to every page before it is passed on (auditing, mapping). */
export async function* eachPage<Row, Out>(
  pages: AsyncIterable<readonly Row[]>,
  each: (page: readonly Row[]) => Promise<readonly Out[]> | readonly Out[],
): AsyncGenerator<readonly Out[]> {
  for await (const page of pages) yield await each(page);
}

// One register read as one database cursor per scope branch, each in the list's order, merged
// here into pages: a single pass over the rows, however many there are, where paging the list by
// its cursor would read each page's range again. A document in two branches (a mediator who
// registered a case and is assigned to it) has equal keys in both, so it arrives twice in a row
// and is passed on once.

/** The documents of every source in `compare` order, `pageSize` at a time, each `_id` once. */
export async function* mergedPages<T extends { _id: unknown }>(
  sources: readonly AsyncIterable<T>[],
  compare: (a: T, b: T) => number,
  pageSize: number,
): AsyncGenerator<T[]> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  // A reader that stops early (a client gone) closes every source's cursor.
  try {
    yield* merged(iterators, compare, pageSize);
  } finally {
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  }
}

async function* merged<T extends { _id: unknown }>(
  iterators: AsyncIterator<T>[],
  compare: (a: T, b: T) => number,
  pageSize: number,
): AsyncGenerator<T[]> {
  const heads = await Promise.all(iterators.map((iterator) => iterator.next()));
  let page: T[] = [];
  let lastId: unknown;
  for (;;) {
    let best = -1;
    for (const [i, head] of heads.entries()) {
      if (head.done) continue;
      const current = heads[best];
      if (best < 0 || (current && !current.done && compare(head.value, current.value) < 0)) best = i;
    }
    if (best < 0) break;
    const head = heads[best] as IteratorYieldResult<T>;
    if (head.value._id !== lastId) {
      page.push(head.value);
      lastId = head.value._id;
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    heads[best] = await (iterators[best] as AsyncIterator<T>).next();
  }
  if (page.length > 0) yield page;
}

// The books, as Jepsen keeps them: for each effect the run can name (a check and a key, such as
// "the regional signal of case X's registration"), how many times it may exist, against how many
// times it does. Too few is lost, too many duplicated, and an effect nobody expected is unexpected.
// Pure: observe.ts gathers the expectations and observations from the ledger and the databases.

export type Range = { min: number; max: number };
export type Expectation = { check: string; key: string } & Range;
export type Observation = { check: string; key: string };

export type CheckTally = {
  expected: number;
  found: number;
  lost: number;
  duplicated: number;
  unexpected: number;
};
export type Books = {
  checks: Record<string, CheckTally>;
  lost: number;
  duplicated: number;
  unexpected: number;
  /** A few keys of each kind of discrepancy, to start an investigation from. */
  examples: string[];
};

export const exactlyOnce: Range = { min: 1, max: 1 };
export const never: Range = { min: 0, max: 0 };
export const atMostOnce: Range = { min: 0, max: 1 };

const maxExamples = 30;

export function reconcile(expectations: Iterable<Expectation>, observations: Iterable<Observation>): Books {
  const counts = new Map<string, number>();
  const id = (check: string, key: string) => `${check}\u0000${key}`;
  for (const seen of observations) {
    const k = id(seen.check, seen.key);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const books: Books = { checks: {}, lost: 0, duplicated: 0, unexpected: 0, examples: [] };
  const tally = (check: string) => {
    books.checks[check] ??= { expected: 0, found: 0, lost: 0, duplicated: 0, unexpected: 0 };
    return books.checks[check];
  };
  const example = (text: string) => {
    if (books.examples.length < maxExamples) books.examples.push(text);
  };
  const expected = new Set<string>();
  for (const e of expectations) {
    const k = id(e.check, e.key);
    if (expected.has(k)) throw new Error(`two expectations for ${e.check} ${e.key}`);
    expected.add(k);
    const found = counts.get(k) ?? 0;
    const t = tally(e.check);
    t.expected += e.min;
    t.found += found;
    if (found < e.min) {
      t.lost += e.min - found;
      example(`lost: ${e.check} ${e.key} (found ${found}, expected ${e.min})`);
    } else if (found > e.max && e.max > 0) {
      t.duplicated += found - e.max;
      example(`duplicated: ${e.check} ${e.key} (found ${found}, at most ${e.max})`);
    } else if (found > e.max) {
      t.unexpected += found;
      example(`unexpected: ${e.check} ${e.key} (found ${found}, expected none)`);
    }
  }
  for (const [k, found] of counts) {
    if (expected.has(k)) continue;
    const [check = '', key = ''] = k.split('\u0000');
    const t = tally(check);
    t.found += found;
    t.unexpected += found;
    example(`unexpected: ${check} ${key} (found ${found}, nobody wrote it)`);
  }
  for (const t of Object.values(books.checks)) {
    books.lost += t.lost;
    books.duplicated += t.duplicated;
    books.unexpected += t.unexpected;
  }
  return books;
}

import { describe, expect, it } from 'vitest';
import { atMostOnce, exactlyOnce, never, reconcile } from './books.ts';

const signal = (key: string) => ({ check: 'signal', key });

describe('the books', () => {
  it('balance when every acknowledged effect exists exactly once', () => {
    const books = reconcile([{ check: 'signal', key: 'a', ...exactlyOnce }], [signal('a')]);
    expect(books).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(books.checks.signal).toMatchObject({ expected: 1, found: 1 });
  });

  it('count an acknowledged effect that is missing as lost, and one seen twice as duplicated', () => {
    const books = reconcile(
      [
        { check: 'signal', key: 'a', ...exactlyOnce },
        { check: 'signal', key: 'b', ...exactlyOnce },
      ],
      [signal('b'), signal('b')],
    );
    expect(books).toMatchObject({ lost: 1, duplicated: 1, unexpected: 0 });
    expect(books.examples).toEqual([
      'lost: signal a (found 0, expected 1)',
      'duplicated: signal b (found 2, at most 1)',
    ]);
  });

  it('let a write nobody could confirm have its effect once or not at all, but never twice', () => {
    const unknown = { check: 'signal', key: 'u', ...atMostOnce };
    expect(reconcile([unknown], [])).toMatchObject({ lost: 0, duplicated: 0 });
    expect(reconcile([unknown], [signal('u')])).toMatchObject({ lost: 0, duplicated: 0 });
    expect(reconcile([unknown], [signal('u'), signal('u')])).toMatchObject({ duplicated: 1 });
  });

  it('count effects of refused writes and effects nobody wrote as unexpected', () => {
    const books = reconcile(
      [{ check: 'signal', key: 'refused', ...never }],
      [signal('refused'), signal('x')],
    );
    expect(books).toMatchObject({ lost: 0, duplicated: 0, unexpected: 2 });
  });
});

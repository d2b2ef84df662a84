import { describe, expect, it } from 'vitest';
import { bothConditions } from './keyset-page.ts';

describe('a branch and the request’s filters as one flat filter', () => {
  it('keeps every equality at the top level, where an index answers it', () => {
    expect(bothConditions({ region: 'r1' }, { status: 'open', at: { $gte: 'a' } })).toEqual({
      region: 'r1',
      status: 'open',
      at: { $gte: 'a' },
    });
  });

  it('joins ranges on one field, and sends a clash of the same operator to $and', () => {
    expect(bothConditions({ at: { $gte: 'a' } }, { at: { $lte: 'z' } })).toEqual({
      at: { $gte: 'a', $lte: 'z' },
    });
    expect(bothConditions({ at: { $lt: 'm' } }, { at: { $lt: 'k' } })).toEqual({
      at: { $lt: 'm' },
      $and: [{ at: { $lt: 'k' } }],
    });
  });

  it('two equalities on one field both hold (an array field may hold both values)', () => {
    expect(bothConditions({ districts: 'd1' }, { districts: 'd2' })).toEqual({
      districts: 'd1',
      $and: [{ districts: 'd2' }],
    });
    expect(bothConditions({ region: 'r1' }, { region: 'r1' })).toEqual({ region: 'r1' });
  });

  it('an equality and a range on one field both hold', () => {
    expect(bothConditions({ _id: 'x' }, { _id: { $gt: 'a' } })).toEqual({
      _id: 'x',
      $and: [{ _id: { $gt: 'a' } }],
    });
  });
});

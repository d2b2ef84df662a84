import { describe, expect, it } from 'vitest';
import { suppressBreakdown, suppressCount } from './small-counts.ts';

describe('small counts', () => {
  it('a count under 5 reads null', () => {
    expect([0, 1, 4, 5, 12].map(suppressCount)).toEqual([null, null, null, 5, 12]);
  });

  it('when one cell is hidden and the total shown, the next smallest is hidden too', () => {
    expect(suppressBreakdown({ labour: 3, land_and_property: 6, family: 9 })).toEqual({
      total: 18,
      counts: { labour: null, land_and_property: null, family: 9 },
    });
  });

  it('no shown number of a breakdown is ever under 5', () => {
    const result = suppressBreakdown({ a: 2, b: 1, c: 7, d: 0 });
    const shown = [result.total, ...Object.values(result.counts)].filter((n) => n !== null);
    expect(shown.every((n) => (n as number) >= 5)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { type FactorValue, riskFactors, riskScore, saturation } from './risk-index.ts';
import { publishedBreakdown, publishedCount, publishedFactors, publishedScore } from './small-counts.ts';

/** Every breakdown of `cells` cells with counts 0..max. */
function* breakdowns(cells: number, max: number): Generator<number[]> {
  if (cells === 0) {
    yield [];
    return;
  }
  for (const rest of breakdowns(cells - 1, max)) for (let n = 0; n <= max; n++) yield [...rest, n];
}

const publish = (cells: number[]) =>
  publishedBreakdown(Object.fromEntries(cells.map((count, i) => [`c${i}`, count])));

describe('small counts', () => {
  it('a count under 5 reads null; any other is shown as the multiple of 5 at or below it', () => {
    expect([0, 1, 4, 5, 6, 9, 10, 14, 23].map(publishedCount)).toEqual([
      null,
      null,
      null,
      5,
      5,
      5,
      10,
      10,
      20,
    ]);
    // Urgent cases weigh a high-urgency case a half.
    expect([4.5, 7.5].map(publishedCount)).toEqual([null, 5]);
  });

  it('no shown number of a breakdown, total included, is under 5 or off a multiple of 5', () => {
    for (const cells of breakdowns(3, 12)) {
      const { total, counts } = publish(cells);
      for (const shown of [total, ...Object.values(counts)]) {
        if (shown !== null) expect(shown >= 5 && shown % 5 === 0).toBe(true);
      }
    }
  });

  it('total minus the other cells does not give a hidden cell', () => {
    // family 3 is hidden; 15 − 5 − 5 = 5, and a family of 0, 1 or 2 publishes the same figures.
    const shown = publishedBreakdown({ labour: 7, land_and_property: 9, family: 3 });
    expect(shown).toEqual({ total: 15, counts: { labour: 5, land_and_property: 5, family: null } });
    const guess = (shown.total ?? 0) - (shown.counts.labour ?? 0) - (shown.counts.land_and_property ?? 0);
    expect(guess).not.toBe(3);
    for (const family of [0, 1, 2])
      expect(publishedBreakdown({ labour: 7, land_and_property: 9, family })).toEqual(shown);
  });

  it('in every breakdown of up to four cells, each hidden cell could be any of several counts', () => {
    for (const cells of [2, 3, 4]) {
      const max = cells === 4 ? 9 : 14;
      // What a reader sees → the hidden counts each cell could have behind it.
      const behind = new Map<string, Set<number>[]>();
      for (const counts of breakdowns(cells, max)) {
        const key = JSON.stringify(publish(counts));
        const sets = behind.get(key) ?? counts.map(() => new Set<number>());
        for (const [i, count] of counts.entries()) sets[i]!.add(count);
        behind.set(key, sets);
      }
      for (const [key, sets] of behind) {
        const { counts } = JSON.parse(key) as { counts: Record<string, number | null> };
        Object.values(counts).forEach((shown, i) => {
          if (shown === null) expect(sets[i]!.size, key).toBeGreaterThan(1);
        });
      }
    }
  });

  it("a region's figure minus one district's does not give the other district's hidden count", () => {
    // Region: district A 5 + district B 3. A reader of both figures learns B is 0 to 4, no more.
    const region = publishedCount(8);
    const districtA = publishedCount(5);
    expect(region! - districtA!).toBe(0);
    for (const b of [0, 1, 2, 3, 4]) expect(publishedCount(5 + b)).toBe(region);
    // And from a region of 12 (shown 10), A of 9 (5) and B of 3 hidden: 10 − 5 = 5 is not B.
    expect(publishedCount(12)! - publishedCount(9)!).not.toBe(3);
  });

  it('a published risk factor gives back no count under 5, nor an exact count', () => {
    const factors = riskFactors({
      signals: { cases: 7, urgentCases: 3, escalations: 2 },
      latestFindingsScore: 40,
      overdueRecommendations: 2,
    });
    const shown = publishedFactors(factors);
    const value = (name: FactorValue['name']) => shown.find((f) => f.name === name)?.value;
    // value × saturation: 7 cases read 5, 3 urgent cases and 2 escalations and 2 overdue read 0.
    expect(value('case_volume')! * saturation.cases).toBe(5);
    expect(value('urgent_cases')).toBe(0);
    expect(value('escalations')).toBe(0);
    expect(value('overdue_recommendations')).toBe(0);
    // A findings score is not a count: shown as it is.
    expect(value('visit_findings')).toBe(0.4);
    // The score shown is the published factors' score, so it does not give the counts back either.
    expect(publishedScore(factors)).toBe(riskScore(shown));
    expect(publishedScore(factors)).toBe(
      publishedScore(
        riskFactors({
          signals: { cases: 9, urgentCases: 0, escalations: 4 },
          latestFindingsScore: 40,
          overdueRecommendations: 0,
        }),
      ),
    );
  });

  it('a saturated factor stays saturated', () => {
    const factors = riskFactors({
      signals: { cases: 31, urgentCases: 8, escalations: 5 },
      latestFindingsScore: null,
      overdueRecommendations: 4,
    });
    expect(publishedFactors(factors).map((f) => f.value)).toEqual([1, 1, 1, 0, 1]);
  });
});

// Regional statistics are published as aggregates only, and a count under 5 is never shown: it
// could point at a person in a small district. A suppressed count reads null.

export const minimumShownCount = 5;

export type Breakdown = { total: number | null; counts: Record<string, number | null> };

export function suppressCount(count: number): number | null {
  return count < minimumShownCount ? null : count;
}

/**
 * Suppresses the small cells of a breakdown whose total is shown. When exactly one cell is
 * suppressed, the total minus the others would give it away, so the next smallest is suppressed
 * too (secondary suppression).
 */
export function suppressBreakdown(counts: Readonly<Record<string, number>>): Breakdown {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const shown: Record<string, number | null> = {};
  for (const [key, count] of Object.entries(counts)) shown[key] = suppressCount(count);
  const hidden = Object.keys(shown).filter((key) => shown[key] === null);
  const hiddenNonZeroPossible = hidden.length === 1;
  if (hiddenNonZeroPossible && suppressCount(total) !== null) {
    const nextSmallest = Object.entries(shown)
      .filter((entry): entry is [string, number] => entry[1] !== null)
      .sort((a, b) => a[1] - b[1])[0];
    if (nextSmallest) shown[nextSmallest[0]] = null;
  }
  return { total: suppressCount(total), counts: shown };
}

// KATO codes (Kazakhstan's classifier of administrative-territorial objects) are hierarchical:
// AB region, CD district, EF rural district or city district, HHH settlement, zeros filling the
// levels below. The arithmetic on them lives here and nowhere else. Pure (no reference files read),
// so the browser app imports it too.

/** The whole republic, in place of a list of regions in a token's territory. */
export const wholeRepublic = 'KZ';

/** A region's code: its two digits followed by seven zeros (`750000000`). */
export function isRegionCode(kato: string): boolean {
  return /^\d{2}0{7}$/.test(kato);
}

/** The code of the region a code (district, settlement, or the region itself) lies in. */
export function regionOf(kato: string): string {
  return `${kato.slice(0, 2)}0000000`;
}

// The digits that name a code's own level: the rest are the zeros of the levels below.
function significantPrefix(kato: string): string {
  for (const length of [2, 4, 6]) {
    if (/^0+$/.test(kato.slice(length))) return kato.slice(0, length);
  }
  return kato;
}

/**
 * Whether a territory covers a code: the whole republic covers every code, a region its districts
 * and settlements, a district its own settlements and itself.
 */
export function covers(territory: string, kato: string): boolean {
  return territory === wholeRepublic || kato.startsWith(significantPrefix(territory));
}

/** The regions a set of territories reaches (a region's own, a district's region), or all of them. */
export function regionsReached(territories: readonly string[]): string[] | 'all' {
  if (territories.includes(wholeRepublic)) return 'all';
  return [...new Set(territories.map(regionOf))];
}

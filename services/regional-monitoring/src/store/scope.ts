// Region scoping of every query (DESIGN.md §7): a token's territory is region codes, district
// codes or the whole republic. A region-scoped record is visible when its region, or one of its
// districts, is within the territory; anything else answers 404.
import { isRegionCode, regionsReached as regionsOf } from '@kelisim/contracts/reference/kato';
import { canSeeRegion, isRepublicWide, type Principal } from '@kelisim/service-kit/principal';

/**
 * The territory as alternatives on records carrying `region` and a district field (a code or an
 * array of codes): one equality per code, `[{}]` for the whole republic. Read one query per branch
 * (keyset-page.ts): a top-level `$or` would be a scan on FerretDB.
 */
export function territoryBranches(
  principal: Principal,
  districtField = 'districts',
): Record<string, string>[] {
  if (isRepublicWide(principal)) return [{}];
  return principal.regions.map((code) => (isRegionCode(code) ? { region: code } : { [districtField]: code }));
}

export function canSeeRecord(
  principal: Principal,
  record: { region: string; districts?: readonly (string | null)[] },
): boolean {
  if (canSeeRegion(principal, record.region)) return true;
  return (record.districts ?? []).some((district) => district !== null && canSeeRegion(principal, district));
}

/** The regions a token reaches: its region codes, and the regions of its district codes. */
export function regionsReached(principal: Principal): string[] | 'all' {
  return regionsOf(principal.regions);
}

export function reachesRegion(principal: Principal, region: string): boolean {
  const reached = regionsReached(principal);
  return reached === 'all' || reached.includes(region);
}

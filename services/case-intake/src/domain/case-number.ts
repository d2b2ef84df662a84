// `EM-<year>-<region>-<sequence>` (DESIGN.md §5): the region as the first two KATO digits, the
// sequence per region and year, zero-padded to six digits so that numbers sort as they read.

export function caseNumberCounterKey(region: string, year: number): string {
  return `${region.slice(0, 2)}-${year}`;
}

export function formatCaseNumber(region: string, year: number, sequence: number): string {
  return `EM-${year}-${region.slice(0, 2)}-${String(sequence).padStart(6, '0')}`;
}

// Duplicate suspicion (DESIGN.md §5): a case in the same district, registered within the window,
// whose parties overlap (compared by keyed hashes of normalised names, never by the names).

export const duplicateWindowDays = 30;

export type DuplicateCandidate = {
  caseId: string;
  caseNumber: string;
  district: string;
  registeredAt: string;
  partyNameHashes: readonly string[];
};

/** The earliest registration time still inside the window before `now`. */
export function windowStart(now: Date, days = duplicateWindowDays): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** The candidates that are suspected duplicates of a new case, with how many parties overlap. */
export function suspectedDuplicates(
  newCase: { district: string; partyNameHashes: readonly string[] },
  candidates: readonly DuplicateCandidate[],
  now: Date,
) {
  const since = windowStart(now);
  const mine = new Set(newCase.partyNameHashes);
  return candidates
    .filter((candidate) => candidate.district === newCase.district && candidate.registeredAt >= since)
    .map((candidate) => ({
      caseId: candidate.caseId,
      caseNumber: candidate.caseNumber,
      overlappingParties: new Set(candidate.partyNameHashes.filter((hash) => mine.has(hash))).size,
    }))
    .filter((match) => match.overlappingParties > 0);
}

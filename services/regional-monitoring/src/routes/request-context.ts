// The one visibility answer of every read and command: a record outside the caller's territory
// does not exist for them.
import { NotFoundError } from '@kelisim/service-kit/errors';
import type { Principal } from '@kelisim/service-kit/principal';
import { canSeeRecord } from '../store/scope.ts';

/** The record, or a 404 when it does not exist or lies outside the caller's territory. */
export function visibleOr404<T extends { region: string }>(
  principal: Principal,
  record: T | null,
  districtsOf: (record: T) => readonly (string | null)[],
  what: string,
): T {
  if (!record || !canSeeRecord(principal, { region: record.region, districts: districtsOf(record) })) {
    throw new NotFoundError(`No such ${what}.`, { code: `${what}.not_found` });
  }
  return record;
}

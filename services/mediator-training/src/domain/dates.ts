// A certificate's validity in whole days of the users' calendar (the contracts' calendar.ts).
import { addDays, addMonths } from '@kelisim/contracts/calendar';

/**
 * The last valid day of a certificate that starts on `validFrom` and lasts `months`: validity is
 * inclusive, so three years from 2025-03-01 end on 2028-02-29, as the contracts' fixture shows.
 */
export function validUntilFor(validFrom: string, months: number): string {
  return addDays(addMonths(validFrom, months), -1);
}

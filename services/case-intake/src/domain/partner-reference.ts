// A case names partners of the Assembly's network (issue 27): the partner a case is referred to,
// the venue of a session, the organisations whose members took part. A reference is accepted only
// to a partner the directory published, still active, in the case's region; otherwise a 422 names
// the field.
import type { PartnerKind } from '@kelisim/contracts/reference/partner-vocabulary';
import { RuleViolationError } from './case-errors.ts';

export type PartnerReference = {
  partnerId: string;
  kind: PartnerKind;
  region: string;
  district: string | null;
  status: 'active' | 'inactive';
};

/** The directory's answer for the ids a command names: null for an id it does not know. */
export type PartnerLookup = ReadonlyMap<string, PartnerReference>;

/** The partner `partnerId`, checked against the case's region; throws naming `field` otherwise. */
export function referencedPartner(
  lookup: PartnerLookup,
  partnerId: string,
  region: string,
  field: string,
): PartnerReference {
  const partner = lookup.get(partnerId);
  if (!partner || partner.status !== 'active') {
    throw new RuleViolationError('partner.unknown', `No active partner ${partnerId} is known (${field}).`, {
      field,
      partnerId,
    });
  }
  if (partner.region !== region) {
    throw new RuleViolationError(
      'partner.out_of_territory',
      `The partner named in ${field} works in another region than the case.`,
      { field, partnerId },
    );
  }
  return partner;
}

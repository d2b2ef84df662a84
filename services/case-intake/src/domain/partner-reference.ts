// A case names partners of the Assembly's network (issue 27): the partner a case is referred to,
// the venue of a session, the organisations whose members took part. A reference is accepted only
// to a partner the directory published, still active, in the case's region; otherwise a 422 names
// the field.
import {
  type PartnerLookup,
  type PartnerReference,
  partnerRefusal,
} from '@kelisim/service-kit/partner-directory';
import { RuleViolationError } from './case-errors.ts';

export type { PartnerLookup, PartnerReference };

/** The partner `partnerId`, checked against the case's region; throws naming `field` otherwise. */
export function referencedPartner(
  lookup: PartnerLookup,
  partnerId: string,
  region: string,
  field: string,
): PartnerReference {
  const refusal = partnerRefusal(lookup, partnerId, region);
  if (refusal === 'partner.unknown') {
    throw new RuleViolationError('partner.unknown', `No active partner ${partnerId} is known (${field}).`, {
      field,
      partnerId,
    });
  }
  if (refusal === 'partner.out_of_territory') {
    throw new RuleViolationError(
      'partner.out_of_territory',
      `The partner named in ${field} works in another region than the case.`,
      { field, partnerId },
    );
  }
  return lookup.get(partnerId) as PartnerReference;
}

// What this service knows of a mediator, from `mediators` events (DESIGN.md §5), and the rule
// deciding whether a certification counts at a given moment.
import { covers } from '@kelisim/contracts/reference/kato';

export type CertificationState = 'valid' | 'suspended' | 'revoked' | 'expired';

export type CertificationRecord = {
  certificationId: string;
  validFrom: string;
  validUntil: string;
  state: CertificationState;
};

export type MediatorEligibility = {
  mediatorId: string;
  userId: string | null;
  regions: string[];
  languages: string[];
  status: 'active' | 'inactive' | null;
  /** A certified professional, or a volunteer who needs a certified supervisor (issue 27). */
  kind: 'certified' | 'volunteer';
  certifications: CertificationRecord[];
};

/** A certification counts when it is neither suspended, revoked nor expired, and `day` is within its dates. */
export function hasValidCertification(mediator: MediatorEligibility, day: string): boolean {
  return mediator.certifications.some(
    (cert) => cert.state === 'valid' && cert.validFrom <= day && day <= cert.validUntil,
  );
}

export function coversRegion(mediator: MediatorEligibility, region: string): boolean {
  return mediator.regions.some((territory) => covers(territory, region));
}

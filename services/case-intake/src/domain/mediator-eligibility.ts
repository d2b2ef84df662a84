// What this service knows of a mediator, from `mediators` events (DESIGN.md §5), and the rule
// deciding whether a certification counts at a given moment.

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
  certifications: CertificationRecord[];
};

/** A certification counts when it is neither suspended, revoked nor expired, and `day` is within its dates. */
export function hasValidCertification(mediator: MediatorEligibility, day: string): boolean {
  return mediator.certifications.some(
    (cert) => cert.state === 'valid' && cert.validFrom <= day && day <= cert.validUntil,
  );
}

// KATO codes are hierarchical: a region code covers its districts (zeros fill the lower levels).
function coversCode(scope: string, code: string): boolean {
  const prefix = scope.replace(/0+$/, '');
  return code.startsWith(prefix.length >= 2 ? prefix : scope.slice(0, 2));
}

export function coversRegion(mediator: MediatorEligibility, region: string): boolean {
  return mediator.regions.some((scope) => coversCode(scope, region));
}

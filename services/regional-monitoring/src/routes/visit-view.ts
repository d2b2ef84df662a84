// How a visit reads over HTTP: notes and comments decrypted for a caller in scope, the commands
// that apply next, and the version the ETag carries.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { allowedVisitCommands, type Review, type Visit } from '../domain/visit.ts';

function reviewView(review: Review, cipher: FieldCipher) {
  return {
    decision: review.decision,
    returnReason: review.returnReason,
    comment: review.comment ? cipher.decrypt(review.comment) : null,
    reviewedBy: review.reviewedBy,
    reviewedAt: review.reviewedAt,
  };
}

export function visitView(visit: Visit, version: number, cipher: FieldCipher) {
  return {
    id: visit.id,
    version,
    region: visit.region,
    districts: visit.districts,
    plannedFrom: visit.plannedFrom,
    plannedTo: visit.plannedTo,
    leadSupervisorId: visit.leadSupervisorId,
    team: visit.team,
    status: visit.status,
    decision: visit.review?.decision ?? null,
    visitedFrom: visit.visitedFrom,
    visitedTo: visit.visitedTo,
    findings: visit.findings.map((finding) => ({
      indicator: finding.indicator,
      score: finding.score,
      note: finding.note ? cipher.decrypt(finding.note) : null,
    })),
    partnersMet: visit.partnersMet ?? [],
    overallAssessment: visit.overallAssessment ? cipher.decrypt(visit.overallAssessment) : null,
    findingsScore: visit.findingsScore,
    review: visit.review ? reviewView(visit.review, cipher) : null,
    reviews: visit.reviews.map((review) => reviewView(review, cipher)),
    allowedCommands: allowedVisitCommands(visit),
    createdAt: visit.createdAt,
  };
}

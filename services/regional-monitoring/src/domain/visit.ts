// A monitoring visit: planned → in_progress → submitted → reviewed (approved | returned). A returned
// visit goes back to its team with the reviewer's comment and may be submitted again.
import type { ReviewDecision, VisitStatus } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { ConflictError, ForbiddenError, UnprocessableError } from '@kelisim/service-kit/errors';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import { type PartnerLookup, partnerRefusal } from '@kelisim/service-kit/partner-directory';
import { type Decision, eventOf } from './decision.ts';
import { checkFindings, type Finding, findingsScore } from './findings.ts';
import type { Indicator } from './indicators.ts';

export type Review = {
  decision: ReviewDecision;
  returnReason: string | null;
  comment: EncryptedField | null;
  reviewedBy: string;
  reviewedAt: string;
};

export type Visit = {
  id: string;
  region: string;
  districts: string[];
  plannedFrom: string;
  plannedTo: string;
  leadSupervisorId: string;
  team: string[];
  status: VisitStatus;
  visitedFrom: string | null;
  visitedTo: string | null;
  findings: Finding[];
  /** Partners of the Assembly's network the team met (ids of the directory, issue 27). */
  partnersMet: string[];
  overallAssessment: EncryptedField | null;
  findingsScore: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
  review: Review | null;
  /** Every review, oldest first, so a returned-then-approved visit keeps its story. */
  reviews: Review[];
  createdAt: string;
};

export type PlanVisit = {
  id: string;
  region: string;
  districts: string[];
  plannedFrom: string;
  plannedTo: string;
  team: string[];
  plannedBy: string;
};

export function planVisit(command: PlanVisit, ctx: DecisionContext): Decision<Visit> {
  if (command.plannedFrom > command.plannedTo) {
    throw new UnprocessableError('visit.dates_invalid', 'The visit cannot end before it starts.');
  }
  const state: Visit = {
    id: command.id,
    region: command.region,
    districts: command.districts,
    plannedFrom: command.plannedFrom,
    plannedTo: command.plannedTo,
    leadSupervisorId: command.plannedBy,
    team: [...new Set(command.team)],
    status: 'planned',
    visitedFrom: null,
    visitedTo: null,
    findings: [],
    partnersMet: [],
    overallAssessment: null,
    findingsScore: null,
    submittedBy: null,
    submittedAt: null,
    review: null,
    reviews: [],
    createdAt: ctx.now.toISOString(),
  };
  const event = eventOf(
    'visit.planned.v1',
    {
      visitId: state.id,
      region: state.region,
      districts: state.districts,
      plannedFrom: state.plannedFrom,
      plannedTo: state.plannedTo,
      leadSupervisorId: state.leadSupervisorId,
      teamSize: state.team.length,
    },
    { subject: state.id, region: state.region },
    ctx,
  );
  return { state, events: [event] };
}

/** What may be done next, for a 409's `allowedCommands` and for clients. */
export function allowedVisitCommands(visit: Visit): string[] {
  switch (visit.status) {
    case 'planned':
      return ['start'];
    case 'in_progress':
      return ['submit'];
    case 'submitted':
      return ['review', 'issue-recommendation'];
    case 'reviewed':
      return visit.review?.decision === 'returned' ? ['submit'] : ['issue-recommendation'];
  }
}

function refuse(visit: Visit, command: string): never {
  throw new ConflictError(`A ${visit.status} visit cannot take "${command}".`, {
    code: 'visit.invalid_transition',
    currentState: visit.review ? `${visit.status}:${visit.review.decision}` : visit.status,
    allowedCommands: allowedVisitCommands(visit),
  });
}

function requireTeamMember(visit: Visit, actor: string): void {
  if (!visit.team.includes(actor) && visit.leadSupervisorId !== actor) {
    throw new ForbiddenError('Only the visit team may do this.', { code: 'visit.not_in_team' });
  }
}

export function startVisit(visit: Visit, actor: string): Decision<Visit> {
  if (visit.status !== 'planned') refuse(visit, 'start');
  requireTeamMember(visit, actor);
  return { state: { ...visit, status: 'in_progress' }, events: [] };
}

export type SubmitVisit = {
  visitedFrom: string;
  visitedTo: string;
  findings: Finding[];
  partnersMet?: string[];
  /** The directory's answer for `partnersMet`. */
  partners?: PartnerLookup;
  overallAssessment: EncryptedField | null;
  submittedBy: string;
};

/**
 * A partner a visit names, checked against the visit's region: unknown to the directory (or no
 * longer active) or of another region is a 422 naming `field`.
 */
export function checkVisitPartner(
  visit: Pick<Visit, 'region'>,
  partners: PartnerLookup,
  partnerId: string,
  field: string,
): void {
  const refusal = partnerRefusal(partners, partnerId, visit.region);
  if (refusal === 'partner.unknown') {
    throw new UnprocessableError(refusal, `No active partner ${partnerId} is known (${field}).`, {
      field,
      partnerId,
    });
  }
  if (refusal === 'partner.out_of_territory') {
    throw new UnprocessableError(
      refusal,
      `The partner named in ${field} works in another region than the visit.`,
      {
        field,
        partnerId,
      },
    );
  }
}

export function submitVisit(
  visit: Visit,
  command: SubmitVisit,
  catalogue: readonly Indicator[],
  ctx: DecisionContext,
): Decision<Visit> {
  const resubmission = visit.status === 'reviewed' && visit.review?.decision === 'returned';
  if (visit.status !== 'in_progress' && !resubmission) refuse(visit, 'submit');
  requireTeamMember(visit, command.submittedBy);
  if (command.visitedFrom > command.visitedTo) {
    throw new UnprocessableError('visit.dates_invalid', 'The visit cannot end before it starts.');
  }
  checkFindings(command.findings, catalogue);
  const named = command.partnersMet ?? [];
  named.forEach((partnerId, index) => {
    checkVisitPartner(visit, command.partners ?? new Map(), partnerId, `partnersMet.${index}`);
  });
  const partnersMet = [...new Set(named)];
  const score = findingsScore(command.findings, catalogue);
  const state: Visit = {
    ...visit,
    status: 'submitted',
    visitedFrom: command.visitedFrom,
    visitedTo: command.visitedTo,
    findings: command.findings,
    partnersMet,
    overallAssessment: command.overallAssessment,
    findingsScore: score,
    submittedBy: command.submittedBy,
    submittedAt: ctx.now.toISOString(),
    review: null,
  };
  const event = eventOf(
    'visit.submitted.v1',
    {
      visitId: visit.id,
      region: visit.region,
      districts: visit.districts,
      visitedFrom: command.visitedFrom,
      visitedTo: command.visitedTo,
      indicatorCount: command.findings.length,
      findingsScore: score,
      submittedBy: command.submittedBy,
    },
    { subject: visit.id, region: visit.region },
    ctx,
  );
  return { state, events: [event] };
}

export type ReviewVisit = {
  decision: ReviewDecision;
  returnReason: string | null;
  comment: EncryptedField | null;
  reviewedBy: string;
};

export function reviewVisit(visit: Visit, command: ReviewVisit, ctx: DecisionContext): Decision<Visit> {
  if (visit.status !== 'submitted') refuse(visit, 'review');
  // Four eyes: the team does not approve its own report.
  if (visit.team.includes(command.reviewedBy)) {
    throw new ForbiddenError('A member of the visit team cannot review it.', { code: 'visit.self_review' });
  }
  if (command.decision === 'returned' && !command.returnReason && !command.comment) {
    throw new UnprocessableError(
      'visit.return_reason_missing',
      'A returned visit needs a reason or a comment.',
    );
  }
  const review: Review = {
    decision: command.decision,
    returnReason: command.decision === 'returned' ? (command.returnReason ?? 'other') : null,
    comment: command.comment,
    reviewedBy: command.reviewedBy,
    reviewedAt: ctx.now.toISOString(),
  };
  const state: Visit = { ...visit, status: 'reviewed', review, reviews: [...visit.reviews, review] };
  const event = eventOf(
    'visit.reviewed.v1',
    {
      visitId: visit.id,
      region: visit.region,
      districts: visit.districts,
      decision: review.decision,
      returnReason: review.returnReason,
      findingsScore: visit.findingsScore ?? 0,
      reviewedBy: command.reviewedBy,
    },
    { subject: visit.id, region: visit.region },
    ctx,
  );
  return { state, events: [event] };
}

export function isApproved(visit: Visit): boolean {
  return visit.status === 'reviewed' && visit.review?.decision === 'approved';
}

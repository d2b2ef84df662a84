// A recommendation from a visit: an owner group, a due date and a status (draft, open,
// in_progress, done). Recommendations come from approved findings: one written on a visit still
// under review is a draft, kept with the visit and told to nobody; the review's approval issues it
// (open, `recommendation.issued`), a return leaves it a draft with the visit. Once the due date of
// an issued one has passed while it is not done, it is overdue, and `recommendation.overdue` is
// published exactly once (the sweep's claim is the commit itself).
import { dayOf, daysBetween } from '@kelisim/contracts/calendar';
import type { Urgency } from '@kelisim/contracts/reference/case-vocabulary';
import type {
  RecommendationProgress,
  RecommendationState,
  ReviewDecision,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import { ConflictError, UnprocessableError } from '@kelisim/service-kit/errors';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import type { PartnerLookup } from '@kelisim/service-kit/partner-directory';
import { type Decision, eventOf } from './decision.ts';
import { checkVisitPartner, isApproved, type Visit } from './visit.ts';

export type Recommendation = {
  id: string;
  visitId: string;
  region: string;
  district: string | null;
  ownerGroupId: string;
  /** A partner of the Assembly's network that owns it with the group (directory id, issue 27). */
  ownerPartnerId?: string | null;
  dueDate: string;
  priority: Urgency;
  indicator: string | null;
  /** What to do, in words: free text, encrypted at rest. */
  text: EncryptedField;
  status: RecommendationState;
  overdue: boolean;
  overdueSince: string | null;
  completedOn: string | null;
  issuedBy: string;
  /** When it was issued; a draft's, when it was drafted. */
  issuedAt: string;
};

export type IssueRecommendation = {
  id: string;
  district: string | null;
  ownerGroupId: string;
  ownerPartnerId?: string | null;
  dueDate: string;
  priority: Urgency;
  indicator: string | null;
  text: EncryptedField;
  issuedBy: string;
};

/** The directory's answer for a command's `ownerPartnerId`. */
export type PartnerContext = { partners?: PartnerLookup };

function checkOwnerPartner(
  visit: Visit,
  ownerPartnerId: string | null | undefined,
  partners?: PartnerLookup,
) {
  if (ownerPartnerId) checkVisitPartner(visit, partners ?? new Map(), ownerPartnerId, 'ownerPartnerId');
}

const ref = (r: Recommendation) => ({
  recommendationId: r.id,
  visitId: r.visitId,
  region: r.region,
  district: r.district,
  ownerGroupId: r.ownerGroupId,
  dueDate: r.dueDate,
});

function issued(state: Recommendation, ctx: DecisionContext): Decision<Recommendation> {
  const event = eventOf(
    'recommendation.issued.v1',
    { ...ref(state), priority: state.priority, indicator: state.indicator, issuedBy: state.issuedBy },
    { subject: state.id, region: state.region },
    ctx,
  );
  return { state, events: [event] };
}

/**
 * From an approved visit, issued at once; on a submitted one (still under review), a draft that
 * nobody is told of until the review approves the visit (`issueOnApproval`).
 */
export function issueRecommendation(
  visit: Visit,
  { partners, ...command }: IssueRecommendation & PartnerContext,
  ctx: DecisionContext,
): Decision<Recommendation> {
  if (visit.status !== 'submitted' && !isApproved(visit)) {
    throw new ConflictError('Recommendations are issued from a submitted or approved visit.', {
      code: 'recommendation.visit_not_ready',
      currentState: visit.status,
    });
  }
  if (command.district !== null && !visit.districts.includes(command.district)) {
    throw new UnprocessableError(
      'recommendation.district_not_visited',
      'The district was not part of the visit.',
    );
  }
  if (command.dueDate < dayOf(ctx.now)) {
    throw new UnprocessableError('recommendation.due_in_past', 'The due date has already passed.');
  }
  checkOwnerPartner(visit, command.ownerPartnerId, partners);
  const state: Recommendation = {
    ...command,
    ownerPartnerId: command.ownerPartnerId ?? null,
    visitId: visit.id,
    region: visit.region,
    status: isApproved(visit) ? 'open' : 'draft',
    overdue: false,
    overdueSince: null,
    completedOn: null,
    issuedAt: ctx.now.toISOString(),
  };
  return state.status === 'draft' ? { state, events: [] } : issued(state, ctx);
}

/**
 * A draft of the reviewed visit, when the review approved it: issued open, with its due date as
 * drafted (one already past is marked overdue by the next sweep). Anything else (a returned visit,
 * another visit's recommendation, one already issued by an earlier delivery) is left as it is.
 */
export function issueOnApproval(
  current: Recommendation,
  review: { visitId: string; decision: ReviewDecision },
  ctx: DecisionContext,
): Decision<Recommendation> {
  if (current.status !== 'draft' || review.decision !== 'approved' || current.visitId !== review.visitId) {
    return { state: current, events: [] };
  }
  return issued({ ...current, status: 'open', issuedAt: ctx.now.toISOString() }, ctx);
}

export type EditDraft = Partial<Omit<IssueRecommendation, 'id' | 'issuedBy'>>;

/**
 * A draft changed before its visit is approved (a returned visit's drafts go back with it, to be
 * reworked with the findings). An issued recommendation is not edited: it belongs to its owner group.
 */
export function editDraft(
  current: Recommendation,
  visit: Visit,
  { partners, ...changes }: EditDraft & PartnerContext,
  ctx: DecisionContext,
): Decision<Recommendation> {
  if (current.status !== 'draft') {
    throw new ConflictError('Only a draft is edited; this recommendation is issued.', {
      code: 'recommendation.issued',
      currentState: current.status,
      allowedCommands: [],
    });
  }
  const state: Recommendation = { ...current, ...changes };
  if (state.district !== null && !visit.districts.includes(state.district)) {
    throw new UnprocessableError(
      'recommendation.district_not_visited',
      'The district was not part of the visit.',
    );
  }
  if (changes.dueDate !== undefined && changes.dueDate < dayOf(ctx.now)) {
    throw new UnprocessableError('recommendation.due_in_past', 'The due date has already passed.');
  }
  checkOwnerPartner(visit, changes.ownerPartnerId, partners);
  return { state, events: [] };
}

export function updateRecommendationStatus(
  current: Recommendation,
  status: RecommendationProgress,
  ctx: DecisionContext,
): Decision<Recommendation> {
  if (current.status === 'draft') {
    throw new ConflictError('A draft is issued when its visit is approved; it is not moved on before.', {
      code: 'recommendation.draft',
      currentState: 'draft',
      allowedCommands: [],
    });
  }
  if (current.status === 'done') {
    throw new ConflictError('A done recommendation is not reopened.', {
      code: 'recommendation.done',
      currentState: 'done',
      allowedCommands: [],
    });
  }
  if (status === current.status) return { state: current, events: [] };
  if (status !== 'done') return { state: { ...current, status }, events: [] };
  const completedOn = dayOf(ctx.now);
  const state: Recommendation = { ...current, status: 'done', completedOn };
  const event = eventOf(
    'recommendation.completed.v1',
    { ...ref(state), completedOn, late: completedOn > current.dueDate },
    { subject: state.id, region: state.region },
    ctx,
  );
  return { state, events: [event] };
}

/** Whether the sweep should mark it overdue now: issued, past due, not done, not yet marked. */
export function isDueForOverdue(current: Recommendation, now: Date): boolean {
  const running = current.status === 'open' || current.status === 'in_progress';
  return running && !current.overdue && current.dueDate < dayOf(now);
}

export function markOverdue(current: Recommendation, ctx: DecisionContext): Decision<Recommendation> | null {
  if (!isDueForOverdue(current, ctx.now)) return null;
  const today = dayOf(ctx.now);
  const state: Recommendation = { ...current, overdue: true, overdueSince: today };
  const event = eventOf(
    'recommendation.overdue.v1',
    {
      ...ref(state),
      priority: state.priority,
      daysOverdue: Math.max(1, daysBetween(current.dueDate, today)),
    },
    { subject: state.id, region: state.region },
    ctx,
  );
  return { state, events: [event] };
}

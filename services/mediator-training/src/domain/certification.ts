// Certification rules (issue 5): issued on a passing completion for the course's validity; told
// `expiringNoticeDays` before it ends and expired the day after its last valid day; suspended,
// reinstated or revoked by a coordinator with a reason code; renewed only with enough practice.
import { addDays, daysBetween } from '@kelisim/contracts/calendar';
import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import { ConflictError, UnprocessableError } from '@kelisim/service-kit/errors';
import { validUntilFor } from './dates.ts';
import { eventOf, today } from './decision.ts';
import type { CertificationState, CertificationStatus, EnrolmentState } from './training-state.ts';

/** DESIGN.md §6 flow 5: mediators and coordinators hear 60 days before a certificate ends. */
export const expiringNoticeDays = 60;

/**
 * Closed cases with an outcome reached (agreement or partial) that the mediator must have mediated
 * since the certificate's `validFrom` to renew it. The issue leaves the number open: three cases in
 * a validity of typically 36 months shows continued practice without barring part-time mediators.
 */
export const renewalPracticeThreshold = 3;

type Certified = EnrolmentState & { certification: CertificationState };

function refOf(state: Certified) {
  return {
    certificationId: state.certification.certificationId,
    mediatorId: state.mediatorId,
    courseId: state.courseId,
  };
}

function targetOf(state: Certified) {
  return { subject: state.certification.certificationId, region: state.homeRegion };
}

function withCertification(
  state: Certified,
  change: Partial<CertificationState>,
  ctx: DecisionContext,
): Certified {
  return { ...state, certification: { ...state.certification, ...change }, updatedAt: ctx.now.toISOString() };
}

export function issueCertification(state: EnrolmentState, ctx: DecisionContext): Decision<Certified> {
  const validFrom = today(ctx);
  const certification: CertificationState = {
    certificationId: ctx.newId(),
    issuedOn: validFrom,
    validFrom,
    validUntil: validUntilFor(validFrom, state.terms.validityMonths),
    status: 'valid',
    expiringNoticeFor: null,
    reason: null,
    suspendedUntil: null,
    decidedBy: null,
    renewals: 0,
  };
  const next: Certified = { ...state, certification };
  const data = {
    ...refOf(next),
    enrolmentId: state.enrolmentId,
    validFrom: certification.validFrom,
    validUntil: certification.validUntil,
  };
  return { state: next, events: [eventOf('certification.issued.v1', data, targetOf(next), ctx)] };
}

const allowedCommands: Record<CertificationStatus, string[]> = {
  valid: ['suspend', 'revoke', 'renew'],
  suspended: ['reinstate', 'revoke'],
  revoked: [],
  expired: ['renew'],
};

export function certifiedOrThrow(state: EnrolmentState): Certified {
  if (!state.certification) throw new ConflictError('The enrolment has no certification.');
  return state as Certified;
}

function requireStatus(state: Certified, command: string): void {
  const { status } = state.certification;
  if (!allowedCommands[status].includes(command)) {
    throw new ConflictError(
      `A ${status} certification cannot be ${command === 'renew' ? 'renewed' : `${command}ed`}.`,
      {
        code: 'certification.invalid_transition',
        currentState: status,
        allowedCommands: allowedCommands[status],
      },
    );
  }
}

export function suspendCertification(
  enrolment: EnrolmentState,
  command: { reason: string; until: string | null },
  ctx: DecisionContext,
): Decision<Certified> {
  const state = certifiedOrThrow(enrolment);
  requireStatus(state, 'suspend');
  const from = today(ctx);
  if (command.until !== null && command.until < from) {
    throw new UnprocessableError(
      'certification.suspension_ends_in_past',
      'The suspension cannot end before today.',
    );
  }
  const next = withCertification(
    state,
    { status: 'suspended', reason: command.reason, suspendedUntil: command.until, decidedBy: ctx.actor },
    ctx,
  );
  const data = {
    ...refOf(next),
    reason: command.reason,
    suspendedFrom: from,
    suspendedUntil: command.until,
    validUntil: next.certification.validUntil,
    decidedBy: ctx.actor,
  };
  return { state: next, events: [eventOf('certification.suspended.v1', data, targetOf(next), ctx)] };
}

export function reinstateCertification(enrolment: EnrolmentState, ctx: DecisionContext): Decision<Certified> {
  const state = certifiedOrThrow(enrolment);
  requireStatus(state, 'reinstate');
  const next = withCertification(
    state,
    { status: 'valid', reason: null, suspendedUntil: null, decidedBy: ctx.actor },
    ctx,
  );
  const data = { ...refOf(next), validUntil: next.certification.validUntil, decidedBy: ctx.actor };
  return { state: next, events: [eventOf('certification.reinstated.v1', data, targetOf(next), ctx)] };
}

export function revokeCertification(
  enrolment: EnrolmentState,
  command: { reason: string },
  ctx: DecisionContext,
): Decision<Certified> {
  const state = certifiedOrThrow(enrolment);
  requireStatus(state, 'revoke');
  const next = withCertification(
    state,
    { status: 'revoked', reason: command.reason, suspendedUntil: null, decidedBy: ctx.actor },
    ctx,
  );
  const data = { ...refOf(next), reason: command.reason, revokedOn: today(ctx), decidedBy: ctx.actor };
  return { state: next, events: [eventOf('certification.revoked.v1', data, targetOf(next), ctx)] };
}

/**
 * Renewal needs `renewalPracticeThreshold` cases closed with an outcome since `validFrom` (the
 * caller counts them). A certificate renewed before it ends continues without a gap: the new
 * validity runs from the day after the old one ended. An expired one starts again today. Either
 * way `validFrom` becomes today, so the same cases never count for two renewals.
 */
export function renewCertification(
  enrolment: EnrolmentState,
  command: { practiceCaseCount: number },
  ctx: DecisionContext,
): Decision<Certified> {
  const state = certifiedOrThrow(enrolment);
  requireStatus(state, 'renew');
  if (command.practiceCaseCount < renewalPracticeThreshold) {
    throw new UnprocessableError(
      'certification.renewal_needs_practice',
      `Renewal needs ${renewalPracticeThreshold} cases closed with an outcome since ${state.certification.validFrom}; the mediator has ${command.practiceCaseCount}.`,
      { practiceCaseCount: command.practiceCaseCount, required: renewalPracticeThreshold },
    );
  }
  const now = today(ctx);
  const previousValidUntil = state.certification.validUntil;
  const continuesFrom = previousValidUntil >= now ? addDays(previousValidUntil, 1) : now;
  const next = withCertification(
    state,
    {
      status: 'valid',
      validFrom: now,
      validUntil: validUntilFor(continuesFrom, state.terms.validityMonths),
      expiringNoticeFor: null,
      renewals: state.certification.renewals + 1,
    },
    ctx,
  );
  const data = {
    ...refOf(next),
    validFrom: next.certification.validFrom,
    validUntil: next.certification.validUntil,
    previousValidUntil,
    practiceCaseCount: command.practiceCaseCount,
  };
  return { state: next, events: [eventOf('certification.renewed.v1', data, targetOf(next), ctx)] };
}

/**
 * The sweep's decision for one certificate on the day of `ctx.now`: expired once its last valid
 * day has passed (suspended ones too); a suspension with an end date lifted the day after it;
 * otherwise one notice per validity within the notice window. Null when nothing is due, which is
 * what makes a second sweep a no-op.
 */
export function expiryTransition(
  enrolment: EnrolmentState,
  ctx: DecisionContext,
): Decision<Certified> | null {
  const certification = enrolment.certification;
  if (!certification || certification.status === 'revoked' || certification.status === 'expired') return null;
  const state = enrolment as Certified;
  const now = today(ctx);
  const daysLeft = daysBetween(now, certification.validUntil);
  if (daysLeft < 0) {
    const next = withCertification(state, { status: 'expired' }, ctx);
    const data = { ...refOf(next), validUntil: certification.validUntil };
    return { state: next, events: [eventOf('certification.expired.v1', data, targetOf(next), ctx)] };
  }
  if (certification.status === 'suspended') {
    const ended = certification.suspendedUntil !== null && certification.suspendedUntil < now;
    return ended ? reinstateCertification(state, ctx) : null;
  }
  const noticeDue =
    daysLeft <= expiringNoticeDays && certification.expiringNoticeFor !== certification.validUntil;
  if (!noticeDue) return null;
  const next = withCertification(state, { expiringNoticeFor: certification.validUntil }, ctx);
  const data = { ...refOf(next), validUntil: certification.validUntil, daysLeft };
  return { state: next, events: [eventOf('certification.expiring.v1', data, targetOf(next), ctx)] };
}

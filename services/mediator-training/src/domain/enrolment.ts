// An enrolment: one mediator on one course, attendance per module, an assessment, and completion
// once both the required hours and the assessment are in (in either order). The certification a
// passing completion earns lives in the same aggregate, so that completing and certifying are one
// atomic commit (DESIGN.md §4) without a cross-document write.

import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import { ConflictError, UnprocessableError } from '@kelisim/service-kit/errors';
import { issueCertification } from './certification.ts';
import type { CourseState } from './course.ts';
import { eventOf, today } from './decision.ts';
import type { MediatorState } from './mediator.ts';
import type { EnrolmentState } from './training-state.ts';

export type Enrol = { enrolmentId: string; mediator: MediatorState; course: CourseState; startsOn: string };

export function enrol(command: Enrol, ctx: DecisionContext): Decision<EnrolmentState> {
  const { mediator, course } = command;
  if (mediator.status !== 'active') {
    throw new UnprocessableError('enrolment.mediator_inactive', 'Only an active mediator can enrol.');
  }
  if (course.status !== 'open') {
    throw new UnprocessableError('enrolment.course_closed', 'The course is not open for enrolment.');
  }
  const at = ctx.now.toISOString();
  const state: EnrolmentState = {
    enrolmentId: command.enrolmentId,
    mediatorId: mediator.mediatorId,
    mediatorUserId: mediator.userId,
    homeRegion: mediator.homeRegion,
    regions: mediator.regions,
    courseId: course.courseId,
    terms: {
      requiredHours: course.requiredHours,
      passMark: course.passMark,
      validityMonths: course.validityMonths,
      modules: course.modules.map(({ moduleId, hours }) => ({ moduleId, hours })),
    },
    startsOn: command.startsOn,
    attendance: [],
    attendedHours: 0,
    score: null,
    status: 'enrolled',
    completedOn: null,
    certification: null,
    createdAt: at,
    updatedAt: at,
  };
  const data = {
    enrolmentId: state.enrolmentId,
    mediatorId: state.mediatorId,
    courseId: state.courseId,
    startsOn: state.startsOn,
  };
  const target = { subject: state.enrolmentId, region: state.homeRegion };
  return { state, events: [eventOf('enrolment.created.v1', data, target, ctx)] };
}

function requireOpen(state: EnrolmentState): void {
  if (state.status !== 'enrolled') {
    throw new ConflictError(`The enrolment is already ${state.status}.`, {
      code: 'enrolment.closed',
      currentState: state.status,
      allowedCommands: [],
    });
  }
}

/** Sets (not adds) the hours attended in a module, so that a replayed request changes nothing. */
export function recordAttendance(
  state: EnrolmentState,
  command: { moduleId: string; hours: number },
  ctx: DecisionContext,
): Decision<EnrolmentState> {
  requireOpen(state);
  const module = state.terms.modules.find((candidate) => candidate.moduleId === command.moduleId);
  if (!module) {
    throw new UnprocessableError('enrolment.unknown_module', 'The course has no such module.', {
      modules: state.terms.modules.map((candidate) => candidate.moduleId),
    });
  }
  if (command.hours > module.hours) {
    throw new UnprocessableError('enrolment.hours_exceed_module', `The module has ${module.hours} hours.`, {
      moduleHours: module.hours,
    });
  }
  const attendance = [
    ...state.attendance.filter((entry) => entry.moduleId !== command.moduleId),
    { moduleId: command.moduleId, hours: command.hours },
  ];
  const attendedHours = attendance.reduce((sum, entry) => sum + entry.hours, 0);
  return completeIfReady({ ...state, attendance, attendedHours, updatedAt: ctx.now.toISOString() }, ctx);
}

export function recordAssessment(
  state: EnrolmentState,
  command: { score: number },
  ctx: DecisionContext,
): Decision<EnrolmentState> {
  requireOpen(state);
  return completeIfReady({ ...state, score: command.score, updatedAt: ctx.now.toISOString() }, ctx);
}

export function attendancePercent(state: EnrolmentState): number {
  const total = state.terms.modules.reduce((sum, module) => sum + module.hours, 0);
  return total === 0 ? 100 : Math.min(100, Math.round((state.attendedHours / total) * 1000) / 10);
}

/** Completes once the hours are attended and the assessment recorded; a pass certifies at once. */
function completeIfReady(state: EnrolmentState, ctx: DecisionContext): Decision<EnrolmentState> {
  if (state.score === null || state.attendedHours < state.terms.requiredHours) return { state, events: [] };
  const passed = state.score >= state.terms.passMark;
  const completedOn = today(ctx);
  const completed: EnrolmentState = { ...state, status: passed ? 'completed' : 'failed', completedOn };
  const target = { subject: state.enrolmentId, region: state.homeRegion };
  const trainingCompleted = eventOf(
    'training.completed.v1',
    {
      enrolmentId: state.enrolmentId,
      mediatorId: state.mediatorId,
      courseId: state.courseId,
      completedOn,
      passed,
      score: state.score,
      passMark: state.terms.passMark,
      attendancePercent: attendancePercent(state),
    },
    target,
    ctx,
  );
  if (!passed) return { state: completed, events: [trainingCompleted] };
  const issued = issueCertification(completed, ctx);
  return { state: issued.state, events: [trainingCompleted, ...issued.events] };
}

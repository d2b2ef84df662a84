import { describe, expect, it } from 'vitest';
import { enrol, recordAssessment, recordAttendance } from './enrolment.ts';
import { contextAt, givenCourse, givenMediator } from './test-given.ts';
import type { EnrolmentState } from './training-state.ts';

const ctx = contextAt('2025-03-01');

function givenEnrolment(): EnrolmentState {
  return enrol(
    { enrolmentId: 'enr-1', mediator: givenMediator(), course: givenCourse(), startsOn: '2025-03-01' },
    ctx,
  ).state;
}

function attendAll(state: EnrolmentState): EnrolmentState {
  const first = recordAttendance(state, { moduleId: 'm1', hours: 20 }, ctx).state;
  return recordAttendance(first, { moduleId: 'm2', hours: 20 }, ctx).state;
}

describe('enrolment', () => {
  it('enrolling publishes enrolment.created and keeps the course terms of the day', () => {
    const { state, events } = enrol(
      { enrolmentId: 'enr-1', mediator: givenMediator(), course: givenCourse(), startsOn: '2025-03-10' },
      ctx,
    );
    expect(state).toMatchObject({ status: 'enrolled', terms: { requiredHours: 32, passMark: 70 } });
    expect(events[0]).toMatchObject({
      type: 'enrolment.created.v1',
      subject: 'enr-1',
      data: { enrolmentId: 'enr-1', mediatorId: 'med-1', courseId: 'course-1', startsOn: '2025-03-10' },
    });
  });

  it('an inactive mediator cannot enrol, nor anyone on an archived course', () => {
    const command = { enrolmentId: 'e', startsOn: '2025-03-01' };
    expect(() =>
      enrol({ ...command, mediator: givenMediator({ status: 'inactive' }), course: givenCourse() }, ctx),
    ).toThrow(/active mediator/);
    expect(() =>
      enrol({ ...command, mediator: givenMediator(), course: givenCourse({ status: 'archived' }) }, ctx),
    ).toThrow(/not open/);
  });

  it('attendance sets the hours of a module, so a replay counts once', () => {
    const once = recordAttendance(givenEnrolment(), { moduleId: 'm1', hours: 12 }, ctx).state;
    const twice = recordAttendance(once, { moduleId: 'm1', hours: 12 }, ctx).state;
    expect(twice.attendedHours).toBe(12);
  });

  it('attendance refuses an unknown module and more hours than the module has', () => {
    expect(() => recordAttendance(givenEnrolment(), { moduleId: 'm9', hours: 1 }, ctx)).toThrow(
      /no such module/,
    );
    expect(() => recordAttendance(givenEnrolment(), { moduleId: 'm1', hours: 21 }, ctx)).toThrow(/20 hours/);
  });

  it('an assessment before the required hours waits: completion comes with the hours', () => {
    const assessed = recordAssessment(givenEnrolment(), { score: 90 }, ctx);
    expect(assessed.events).toEqual([]);
    expect(assessed.state.status).toBe('enrolled');
    const first = recordAttendance(assessed.state, { moduleId: 'm1', hours: 20 }, ctx);
    expect(first.events).toEqual([]);
    const done = recordAttendance(first.state, { moduleId: 'm2', hours: 12 }, ctx);
    expect(done.state.status).toBe('completed');
    expect(done.events.map((event) => event.type)).toEqual([
      'training.completed.v1',
      'certification.issued.v1',
    ]);
  });

  it('a completed enrolment takes no more attendance or assessments', () => {
    const done = recordAssessment(attendAll(givenEnrolment()), { score: 90 }, ctx).state;
    expect(() => recordAssessment(done, { score: 50 }, ctx)).toThrow(/already completed/);
    expect(() => recordAttendance(done, { moduleId: 'm1', hours: 1 }, ctx)).toThrow(/already completed/);
  });
});

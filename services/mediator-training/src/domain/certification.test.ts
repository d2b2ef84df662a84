import { describe, expect, it } from 'vitest';
import {
  expiryTransition,
  reinstateCertification,
  renewalPracticeThreshold,
  renewCertification,
  revokeCertification,
  suspendCertification,
} from './certification.ts';
import { enrol, recordAssessment, recordAttendance } from './enrolment.ts';
import { contextAt, givenCourse, givenMediator } from './test-given.ts';
import type { EnrolmentState } from './training-state.ts';

const issueDay = contextAt('2025-03-01');

function completedWith(score: number, passMark = 70) {
  let state = enrol(
    {
      enrolmentId: 'enr-1',
      mediator: givenMediator(),
      course: givenCourse({ passMark }),
      startsOn: '2025-01-10',
    },
    issueDay,
  ).state;
  state = recordAttendance(state, { moduleId: 'm1', hours: 20 }, issueDay).state;
  state = recordAttendance(state, { moduleId: 'm2', hours: 20 }, issueDay).state;
  return recordAssessment(state, { score }, issueDay);
}

function certified(): EnrolmentState {
  return completedWith(85).state;
}

describe('certification: pass mark and validity', () => {
  it('a score at the pass mark certifies for the course validity, valid through the day before', () => {
    const { state, events } = completedWith(70);
    expect(state.status).toBe('completed');
    expect(state.certification).toMatchObject({
      status: 'valid',
      validFrom: '2025-03-01',
      validUntil: '2028-02-29',
    });
    const issued = events.find((event) => event.type === 'certification.issued.v1');
    expect(issued).toMatchObject({
      subject: state.certification?.certificationId,
      region: '750000000',
      data: { mediatorId: 'med-1', enrolmentId: 'enr-1', validFrom: '2025-03-01', validUntil: '2028-02-29' },
    });
  });

  it('a score below the pass mark fails the training and issues nothing', () => {
    const { state, events } = completedWith(69);
    expect(state.status).toBe('failed');
    expect(state.certification).toBeNull();
    expect(events.map((event) => event.type)).toEqual(['training.completed.v1']);
    expect(events[0]?.data).toMatchObject({ passed: false, score: 69, passMark: 70, attendancePercent: 100 });
  });
});

describe('certification: expiry', () => {
  it('nothing is due more than 60 days before the last valid day', () => {
    expect(expiryTransition(certified(), contextAt('2027-12-30'))).toBeNull();
  });

  it('60 days before the last valid day the sweep tells once, and a second sweep has nothing to do', () => {
    const notice = expiryTransition(certified(), contextAt('2027-12-31'));
    expect(notice?.events[0]).toMatchObject({ type: 'certification.expiring.v1', data: { daysLeft: 60 } });
    expect(expiryTransition(notice!.state, contextAt('2028-01-15'))).toBeNull();
  });

  it('the last valid day is still valid; the day after, the certificate expires, and only once', () => {
    expect(expiryTransition(certified(), contextAt('2028-02-29'))?.events[0]?.type).toBe(
      'certification.expiring.v1',
    );
    const expired = expiryTransition(certified(), contextAt('2028-03-01'));
    expect(expired?.events.map((event) => event.type)).toEqual(['certification.expired.v1']);
    expect(expired?.state.certification.status).toBe('expired');
    expect(expiryTransition(expired!.state, contextAt('2028-03-02'))).toBeNull();
  });

  it('a suspended certificate expires too; a revoked one never does', () => {
    const suspended = suspendCertification(
      certified(),
      { reason: 'ethics_breach', until: null },
      issueDay,
    ).state;
    expect(expiryTransition(suspended, contextAt('2028-03-01'))?.state.certification.status).toBe('expired');
    const revoked = revokeCertification(certified(), { reason: 'misconduct' }, issueDay).state;
    expect(expiryTransition(revoked, contextAt('2028-03-01'))).toBeNull();
  });
});

describe('certification: suspension and revocation', () => {
  it('a coordinator suspends with a reason, and reinstating makes it valid again', () => {
    const ctx = contextAt('2025-06-01', 'coord-7');
    const suspended = suspendCertification(
      certified(),
      { reason: 'complaint_under_review', until: null },
      ctx,
    );
    expect(suspended.state.certification).toMatchObject({
      status: 'suspended',
      reason: 'complaint_under_review',
    });
    expect(suspended.events[0]).toMatchObject({
      type: 'certification.suspended.v1',
      data: {
        reason: 'complaint_under_review',
        suspendedFrom: '2025-06-01',
        suspendedUntil: null,
        decidedBy: 'coord-7',
      },
    });
    const reinstated = reinstateCertification(suspended.state, ctx);
    expect(reinstated.state.certification.status).toBe('valid');
    expect(reinstated.events[0]?.type).toBe('certification.reinstated.v1');
  });

  it('a revoked certificate cannot be suspended, reinstated or renewed', () => {
    const revoked = revokeCertification(certified(), { reason: 'false_information' }, issueDay);
    expect(revoked.events[0]).toMatchObject({
      type: 'certification.revoked.v1',
      data: { reason: 'false_information' },
    });
    expect(() => suspendCertification(revoked.state, { reason: 'other', until: null }, issueDay)).toThrow(
      /revoked/,
    );
    expect(() => reinstateCertification(revoked.state, issueDay)).toThrow(/revoked/);
    expect(() => renewCertification(revoked.state, { practiceCaseCount: 10 }, issueDay)).toThrow(/revoked/);
  });

  it('a suspension with an end date is lifted by the sweep the day after it ends, not before', () => {
    const suspended = suspendCertification(
      certified(),
      { reason: 'other', until: '2025-06-30' },
      issueDay,
    ).state;
    expect(expiryTransition(suspended, contextAt('2025-06-30'))).toBeNull();
    const lifted = expiryTransition(suspended, contextAt('2025-07-01', 'expiry-sweep'));
    expect(lifted?.state.certification).toMatchObject({ status: 'valid', suspendedUntil: null });
    expect(lifted?.events[0]).toMatchObject({
      type: 'certification.reinstated.v1',
      data: { decidedBy: 'expiry-sweep' },
    });
  });

  it('a suspension cannot end before it starts', () => {
    expect(() =>
      suspendCertification(certified(), { reason: 'other', until: '2025-02-01' }, issueDay),
    ).toThrow(/before today/);
  });
});

describe('certification: renewal needs practice', () => {
  it(`with fewer than ${renewalPracticeThreshold} cases closed with an outcome, renewal is refused`, () => {
    expect(() =>
      renewCertification(
        certified(),
        { practiceCaseCount: renewalPracticeThreshold - 1 },
        contextAt('2027-12-31'),
      ),
    ).toThrow(/needs 3 cases/);
  });

  it('with enough practice, a certificate renewed before it ends continues without a gap', () => {
    const renewed = renewCertification(certified(), { practiceCaseCount: 3 }, contextAt('2027-12-31'));
    expect(renewed.state.certification).toMatchObject({
      status: 'valid',
      validFrom: '2027-12-31',
      validUntil: '2031-02-28',
      expiringNoticeFor: null,
      renewals: 1,
    });
    expect(renewed.events[0]).toMatchObject({
      type: 'certification.renewed.v1',
      data: { previousValidUntil: '2028-02-29', validUntil: '2031-02-28', practiceCaseCount: 3 },
    });
  });

  it('an expired certificate renewed with enough practice starts a new validity today', () => {
    const expired = expiryTransition(certified(), contextAt('2028-04-01'))!.state;
    const renewed = renewCertification(expired, { practiceCaseCount: 4 }, contextAt('2028-04-10'));
    expect(renewed.state.certification).toMatchObject({
      status: 'valid',
      validFrom: '2028-04-10',
      validUntil: '2031-04-09',
    });
  });

  it('a suspended certificate cannot be renewed until reinstated', () => {
    const suspended = suspendCertification(certified(), { reason: 'other', until: null }, issueDay).state;
    expect(() => renewCertification(suspended, { practiceCaseCount: 5 }, issueDay)).toThrow(/suspended/);
  });
});

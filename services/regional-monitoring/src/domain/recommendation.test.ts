import { describe, expect, it } from 'vitest';
import {
  isDueForOverdue,
  issueRecommendation,
  markOverdue,
  updateRecommendationStatus,
} from './recommendation.ts';
import { fixedContext } from './test-context.ts';
import { planVisit, type Visit } from './visit.ts';

const sealed = { k: 'k1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
const ctx = fixedContext('2026-05-10T08:00:00.000Z');

function submittedVisit(): Visit {
  const { state } = planVisit(
    {
      id: 'v1',
      region: '750000000',
      districts: ['751710000'],
      plannedFrom: '2026-05-01',
      plannedTo: '2026-05-02',
      team: ['a'],
      plannedBy: 'lead',
    },
    ctx,
  );
  return { ...state, status: 'submitted', findingsScore: 50 };
}

const issue = (dueDate = '2026-05-20') =>
  issueRecommendation(
    submittedVisit(),
    {
      id: 'r1',
      district: '751710000',
      ownerGroupId: 'group-75',
      dueDate,
      priority: 'high',
      indicator: 'rumours',
      text: sealed,
      issuedBy: 'sup',
    },
    ctx,
  );

describe('recommendations', () => {
  it('is issued open from a submitted visit and says so on the bus without its text', () => {
    const { state, events } = issue();
    expect(state).toMatchObject({ status: 'open', overdue: false, region: '750000000' });
    expect(events[0]).toMatchObject({
      type: 'recommendation.issued.v1',
      data: { ownerGroupId: 'group-75', dueDate: '2026-05-20' },
    });
    expect(JSON.stringify(events[0])).not.toContain('Y3Q=');
  });

  it('is not issued from a planned visit nor for a district the visit did not cover', () => {
    const planned = { ...submittedVisit(), status: 'planned' as const };
    const command = {
      id: 'r',
      district: null,
      ownerGroupId: 'g',
      dueDate: '2026-06-01',
      priority: 'low' as const,
      indicator: null,
      text: sealed,
      issuedBy: 's',
    };
    expect(() => issueRecommendation(planned, command, ctx)).toThrow(/submitted or approved/);
    expect(() => issueRecommendation(submittedVisit(), { ...command, district: '751910000' }, ctx)).toThrow(
      /not part of the visit/,
    );
  });

  it('becomes overdue once, the day after its due date in Kazakhstan, and only while not done', () => {
    const { state } = issue('2026-05-20');
    // 2026-05-20T19:30Z is 00:30 on the 21st in Kazakhstan (UTC+5).
    expect(isDueForOverdue(state, new Date('2026-05-20T18:59:00Z'))).toBe(false);
    const late = fixedContext('2026-05-22T19:30:00Z');
    const overdue = markOverdue(state, late);
    expect(overdue?.events[0]).toMatchObject({ type: 'recommendation.overdue.v1', data: { daysOverdue: 3 } });
    expect(markOverdue(overdue!.state, late)).toBeNull();
    const done = updateRecommendationStatus(state, 'done', ctx).state;
    expect(markOverdue(done, late)).toBeNull();
  });

  it('completing it publishes recommendation.completed, late when past due; done is final', () => {
    const { state } = issue('2026-05-20');
    const inProgress = updateRecommendationStatus(state, 'in_progress', ctx);
    expect(inProgress.events).toEqual([]);
    const done = updateRecommendationStatus(inProgress.state, 'done', fixedContext('2026-05-25T08:00:00Z'));
    expect(done.events[0]).toMatchObject({
      type: 'recommendation.completed.v1',
      data: { late: true, completedOn: '2026-05-25' },
    });
    expect(() => updateRecommendationStatus(done.state, 'open', ctx)).toThrow(/not reopened/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  editDraft,
  isDueForOverdue,
  issueOnApproval,
  issueRecommendation,
  markOverdue,
  updateRecommendationStatus,
} from './recommendation.ts';
import { fixedContext } from './test-context.ts';
import { planVisit, reviewVisit, type Visit } from './visit.ts';

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

const reviewed = (decision: 'approved' | 'returned') =>
  reviewVisit(
    submittedVisit(),
    { decision, returnReason: null, comment: decision === 'returned' ? sealed : null, reviewedBy: 'rev' },
    ctx,
  ).state;

const command = (dueDate = '2026-05-20') => ({
  id: 'r1',
  district: '751710000',
  ownerGroupId: 'group-75',
  dueDate,
  priority: 'high' as const,
  indicator: 'rumours',
  text: sealed,
  issuedBy: 'sup',
});

const issue = (dueDate = '2026-05-20') => issueRecommendation(reviewed('approved'), command(dueDate), ctx);

describe('recommendations', () => {
  it('is issued open from an approved visit and says so on the bus without its text', () => {
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

  it('given a submitted visit, when a supervisor writes one, then it is a draft kept with the visit and nothing is published', () => {
    const { state, events } = issueRecommendation(submittedVisit(), command(), ctx);
    expect(state).toMatchObject({ status: 'draft', visitId: 'v1', dueDate: '2026-05-20', overdue: false });
    expect(events).toEqual([]);
  });

  it('given a draft, when its visit is approved, then it is issued open once, with its due date as drafted', () => {
    const draft = issueRecommendation(submittedVisit(), command('2026-05-12'), ctx).state;
    const approval = fixedContext('2026-05-15T08:00:00.000Z');
    const issued = issueOnApproval(draft, { visitId: 'v1', decision: 'approved' }, approval);
    expect(issued.state).toMatchObject({
      status: 'open',
      dueDate: '2026-05-12',
      issuedAt: '2026-05-15T08:00:00.000Z',
    });
    expect(issued.events).toHaveLength(1);
    expect(issued.events[0]).toMatchObject({
      type: 'recommendation.issued.v1',
      subject: 'r1',
      data: { recommendationId: 'r1', visitId: 'v1', dueDate: '2026-05-12', issuedBy: 'sup' },
    });
    // The approval delivered again: already open, nothing more.
    expect(issueOnApproval(issued.state, { visitId: 'v1', decision: 'approved' }, approval)).toEqual({
      state: issued.state,
      events: [],
    });
  });

  it('given a draft, when its visit is returned, then it stays a draft: not issued, not moved on, never overdue', () => {
    const draft = issueRecommendation(submittedVisit(), command('2026-05-12'), ctx).state;
    expect(issueOnApproval(draft, { visitId: 'v1', decision: 'returned' }, ctx)).toEqual({
      state: draft,
      events: [],
    });
    expect(issueOnApproval(draft, { visitId: 'v2', decision: 'approved' }, ctx).state.status).toBe('draft');
    expect(() => updateRecommendationStatus(draft, 'in_progress', ctx)).toThrow(/draft/);
    const late = fixedContext('2026-06-30T08:00:00.000Z');
    expect(isDueForOverdue(draft, late.now)).toBe(false);
    expect(markOverdue(draft, late)).toBeNull();
  });

  it('given a draft on a returned visit, when the supervisor edits it, then it changes quietly; issued, it is no longer edited', () => {
    const draft = issueRecommendation(submittedVisit(), command(), ctx).state;
    const edited = editDraft(draft, reviewed('returned'), { dueDate: '2026-06-01', priority: 'medium' }, ctx);
    expect(edited.state).toMatchObject({ status: 'draft', dueDate: '2026-06-01', priority: 'medium' });
    expect(edited.events).toEqual([]);
    expect(() => editDraft(draft, submittedVisit(), { district: '751910000' }, ctx)).toThrow(
      /not part of the visit/,
    );
    expect(() => editDraft(draft, submittedVisit(), { dueDate: '2026-05-01' }, ctx)).toThrow(
      /already passed/,
    );
    const open = issueOnApproval(edited.state, { visitId: 'v1', decision: 'approved' }, ctx).state;
    expect(() => editDraft(open, reviewed('approved'), { text: sealed }, ctx)).toThrow(/Only a draft/);
  });

  it('is neither drafted nor issued on a returned visit', () => {
    expect(() => issueRecommendation(reviewed('returned'), command(), ctx)).toThrow(/submitted or approved/);
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

import { describe, expect, it } from 'vitest';
import { findingsScore } from './findings.ts';
import { defaultIndicators } from './indicators.ts';
import { fixedContext } from './test-context.ts';
import {
  allowedVisitCommands,
  planVisit,
  reviewVisit,
  startVisit,
  submitVisit,
  type Visit,
} from './visit.ts';

const ctx = fixedContext();
const sealed = { k: 'k1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };

function planned(): Visit {
  return planVisit(
    {
      id: 'visit-1',
      region: '750000000',
      districts: ['751710000'],
      plannedFrom: '2026-05-12',
      plannedTo: '2026-05-14',
      team: ['member-a', 'member-b'],
      plannedBy: 'lead-1',
    },
    ctx,
  ).state;
}

const poorFindings = [
  { indicator: 'incidents_reported', score: 4, note: sealed },
  { indicator: 'trust_in_local_mediation', score: 0, note: null },
];
const submit = (visit: Visit, by = 'member-a') =>
  submitVisit(
    visit,
    {
      visitedFrom: '2026-05-12',
      visitedTo: '2026-05-13',
      findings: poorFindings,
      overallAssessment: sealed,
      submittedBy: by,
    },
    defaultIndicators,
    ctx,
  );

describe('visit lifecycle', () => {
  it('planning a visit publishes visit.planned with the team size, never the team', () => {
    const { state, events } = planVisit(
      {
        id: 'v',
        region: '750000000',
        districts: [],
        plannedFrom: '2026-05-12',
        plannedTo: '2026-05-12',
        team: ['a', 'a', 'b'],
        plannedBy: 'lead',
      },
      ctx,
    );
    expect(state.status).toBe('planned');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'visit.planned.v1', subject: 'v', data: { teamSize: 2 } });
  });

  it('a visit that ends before it starts is refused', () => {
    expect(() =>
      planVisit(
        {
          id: 'v',
          region: '750000000',
          districts: [],
          plannedFrom: '2026-05-12',
          plannedTo: '2026-05-11',
          team: ['a'],
          plannedBy: 'l',
        },
        ctx,
      ),
    ).toThrow(/cannot end before/);
  });

  it('goes planned → in_progress → submitted → returned → submitted → approved', () => {
    const started = startVisit(planned(), 'member-a').state;
    expect(started.status).toBe('in_progress');
    const submitted = submit(started);
    expect(submitted.state.status).toBe('submitted');
    expect(submitted.events[0]).toMatchObject({
      type: 'visit.submitted.v1',
      data: { indicatorCount: 2, findingsScore: 100 },
    });

    const returned = reviewVisit(
      submitted.state,
      {
        decision: 'returned',
        returnReason: 'incomplete_findings',
        comment: sealed,
        reviewedBy: 'supervisor-9',
      },
      ctx,
    );
    expect(returned.state).toMatchObject({ status: 'reviewed', review: { decision: 'returned' } });
    expect(allowedVisitCommands(returned.state)).toEqual(['submit']);

    const resubmitted = submit(returned.state, 'member-b');
    expect(resubmitted.state.status).toBe('submitted');
    const approved = reviewVisit(
      resubmitted.state,
      { decision: 'approved', returnReason: null, comment: null, reviewedBy: 'supervisor-9' },
      ctx,
    );
    expect(approved.state.review?.decision).toBe('approved');
    expect(approved.state.reviews.map((r) => r.decision)).toEqual(['returned', 'approved']);
    expect(approved.events[0]).toMatchObject({
      type: 'visit.reviewed.v1',
      data: { decision: 'approved', returnReason: null },
    });
  });

  it('a step out of order is a conflict naming the current state and what is allowed', () => {
    expect(() => submit(planned())).toThrow(
      expect.objectContaining({
        status: 409,
        extensions: { currentState: 'planned', allowedCommands: ['start'] },
      }),
    );
  });

  it('someone outside the team cannot start or submit, and the team cannot review its own visit', () => {
    expect(() => startVisit(planned(), 'stranger')).toThrow(/visit team/);
    const submitted = submit(startVisit(planned(), 'member-a').state).state;
    expect(() =>
      reviewVisit(
        submitted,
        { decision: 'approved', returnReason: null, comment: null, reviewedBy: 'member-b' },
        ctx,
      ),
    ).toThrow(/cannot review/);
  });

  it('findings on an unknown indicator or on one indicator twice are refused', () => {
    const started = startVisit(planned(), 'member-a').state;
    const bad = [
      { indicator: 'weather', score: 1, note: null },
      { indicator: 'rumours', score: 1, note: null },
      { indicator: 'rumours', score: 2, note: null },
    ];
    expect(() =>
      submitVisit(
        started,
        {
          visitedFrom: '2026-05-12',
          visitedTo: '2026-05-12',
          findings: bad,
          overallAssessment: null,
          submittedBy: 'member-a',
        },
        defaultIndicators,
        ctx,
      ),
    ).toThrow(
      expect.objectContaining({
        extensions: { unknownIndicators: ['weather'], repeatedIndicators: ['rumours'] },
      }),
    );
  });
});

describe('findings score', () => {
  it('is 0 when escalating indicators are at 0 and calming ones at 4, and 100 the other way round', () => {
    const calm = [
      { indicator: 'incidents_reported', score: 0, note: null },
      { indicator: 'joint_community_events', score: 4, note: null },
    ];
    const tense = [
      { indicator: 'incidents_reported', score: 4, note: null },
      { indicator: 'joint_community_events', score: 0, note: null },
    ];
    expect(findingsScore(calm, defaultIndicators)).toBe(0);
    expect(findingsScore(tense, defaultIndicators)).toBe(100);
  });

  it('weighs indicators by their weight', () => {
    // incidents (weight 1) at full tension, language grievances (0.4) calm: 1 / 1.4.
    const findings = [
      { indicator: 'incidents_reported', score: 4, note: null },
      { indicator: 'language_grievances', score: 0, note: null },
    ];
    expect(findingsScore(findings, defaultIndicators)).toBe(71.4);
  });

  it('the default catalogue has about a dozen indicators of both directions with both labels', () => {
    expect(defaultIndicators.length).toBeGreaterThanOrEqual(10);
    expect(new Set(defaultIndicators.map((i) => i.direction))).toEqual(new Set(['escalating', 'calming']));
    expect(defaultIndicators.every((i) => i.labels.kk && i.labels.ru && i.weight > 0 && i.weight <= 1)).toBe(
      true,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CaseCommand } from './case-commands.ts';
import { given, testContext, toAwaitingConsent, toClosed } from './case-fixtures.test-support.ts';
import { replaySummary, summaryOf } from './case-summary.ts';
import { decide } from './decide.ts';
import { isFollowUpDue } from './system-decisions.ts';

describe('a case’s events replay to its state', () => {
  it.each([
    ['a full lifecycle, reopened', [...toClosed, { type: 'reopen', reason: 'new_incident' }]],
    [
      'a declined case',
      [
        { type: 'screen', urgency: 'low' },
        { type: 'decline', reason: 'other' },
      ],
    ],
    [
      'an escalated, withdrawn case',
      [
        ...toAwaitingConsent,
        { type: 'escalate', level: 3, reason: 'other' },
        { type: 'withdraw', reason: 'other' },
      ],
    ],
  ] as [string, CaseCommand[]][])(
    'for %s, replaying the events gives the stored summary',
    (_name, commands) => {
      const { state, events } = given(commands);
      expect(replaySummary(events)).toEqual(summaryOf(state));
    },
  );

  it('without a registration there is nothing to replay', () => {
    expect(replaySummary([])).toBeNull();
  });
});

describe('system facts', () => {
  const outcome = () => given(toClosed.slice(0, -2)).state; // outcome with follow-up due 2026-04-10

  it('when the follow-up date has come, the case is flagged once with case.follow-up-due', () => {
    const ctx = testContext(new Date('2026-04-10T06:00:00Z'));
    expect(isFollowUpDue(outcome(), '2026-04-10')).toBe(true);
    const { state, events } = decide(outcome(), { type: 'mark-follow-up-due' }, ctx);
    expect(events[0]).toMatchObject({ type: 'case.follow-up-due.v1', data: { dueOn: '2026-04-10' } });
    expect(isFollowUpDue(state, '2026-04-11')).toBe(false);
    expect(() => decide(state, { type: 'mark-follow-up-due' }, ctx)).toThrow(/no follow-up due/);
  });

  it('before the follow-up date, nothing is due', () => {
    expect(isFollowUpDue(outcome(), '2026-04-09')).toBe(false);
    expect(() => decide(outcome(), { type: 'mark-follow-up-due' }, testContext())).toThrow();
  });

  it('when an earlier case is noted as a duplicate twice, the second note adds nothing', () => {
    const match = { caseId: 'case-2', caseNumber: 'EM-2026-75-000002', overlappingParties: 1, at: 'x' };
    const first = decide(
      outcome(),
      { type: 'note-duplicate', matches: [match], windowDays: 30 },
      testContext(),
    );
    expect(first.events[0]?.type).toBe('case.duplicate-suspected.v1');
    const second = decide(
      first.state,
      { type: 'note-duplicate', matches: [match], windowDays: 30 },
      testContext(),
    );
    expect(second.events).toEqual([]);
    expect(second.state.duplicateSuspicions).toHaveLength(1);
  });
});

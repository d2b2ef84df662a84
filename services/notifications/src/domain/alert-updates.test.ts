import { describe, expect, it } from 'vitest';
import {
  type AlertState,
  acknowledge,
  type Occurrence,
  raiseAlert,
  resolve,
  updateAlert,
  upgradeAlert,
} from './alert.ts';
import { escalationOccurrence, isDueForEscalation, markEscalated } from './escalation.ts';
import { districtGroup, type Group, regionGroup } from './groups.ts';
import { defaultAckDeadlines } from './severity.ts';

// One open alert per matter and group (issue 23): later occurrences update it.
const names = { en: 'x', kk: 'x', ru: 'x' };
const region = regionGroup({ kato: '190000000', names });
const district: Group = {
  ...districtGroup({ kato: '193200000', regionKato: '190000000', names }),
  members: [{ userId: 'u-1', language: 'kk', inbox: true, email: false, webhook: null }],
};
let seq = 0;
const ctxAt = (iso: string) => ({
  now: new Date(iso),
  actor: 'system:test',
  newId: () => `019a0000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  correlationId: 'corr-1',
  causationId: null,
});
const occurrence = (n: number, severity: Occurrence['severity'], escalationLevel: number): Occurrence => ({
  key: `019a0000-0000-7000-9000-00000000000${n}`,
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  severity,
  region: '190000000',
  district: '193200000',
  source: {
    eventId: `019a0000-0000-7000-9000-00000000000${n}`,
    type: 'case.escalated.v1',
    subject: 'case-1',
  },
  details: { caseNumber: 'EM-2026-19-7', escalationLevel },
  escalationLevel,
});
const first = (): AlertState =>
  raiseAlert(
    {
      group: district,
      key: occurrence(1, 'high', 1).key,
      severity: 'high',
      region: '190000000',
      district: '193200000',
      source: occurrence(1, 'high', 1).source,
      details: { caseNumber: 'EM-2026-19-7', escalationLevel: 1 },
      escalationLevel: 1,
    },
    defaultAckDeadlines,
    ctxAt('2026-03-01T10:00:00Z'),
  ).state;
const update = (state: AlertState, occ: Occurrence, at = '2026-03-01T10:30:00Z') =>
  updateAlert(state, occ, defaultAckDeadlines, ctxAt(at));

describe('a later occurrence about the same matter', () => {
  it('updates the open alert: its timeline records it, with the case’s new level', () => {
    const updated = update(first(), occurrence(2, 'high', 2));
    expect(updated?.state.timeline.map((e) => [e.what, e.sourceType, e.escalationLevel])).toEqual([
      ['raised', 'case.escalated.v1', 1],
      ['updated', 'case.escalated.v1', 2],
    ]);
    expect(updated?.state.details).toMatchObject({ escalationLevel: 2 });
    expect(updated?.events.map((e) => e.type)).toEqual(['alert.updated.v1']);
    expect(updated?.renotify).toBe(false);
  });

  it('changes nothing when it was already applied (a redelivery)', () => {
    const once = update(first(), occurrence(2, 'high', 2))!.state;
    expect(update(once, occurrence(2, 'high', 2))).toBeNull();
    expect(update(first(), occurrence(1, 'high', 1))).toBeNull();
  });

  it('never lowers the severity; a rise re-notifies and sets the new severity’s deadline', () => {
    const lower = update(first(), occurrence(2, 'low', 2))!;
    expect(lower.state.severity).toBe('high');
    expect(lower.state.acknowledgeBy).toEqual(first().acknowledgeBy);
    const higher = update(first(), occurrence(3, 'critical', 2))!;
    expect(higher.state.severity).toBe('critical');
    expect(higher.renotify).toBe(true);
    expect(higher.state.acknowledgeBy.toISOString()).toBe('2026-03-01T10:45:00.000Z');
  });

  it('acknowledging covers the alert as it stands; a rise afterwards asks for acknowledgement again', () => {
    const acked = acknowledge(first(), { userId: 'u-1', note: null }, ctxAt('2026-03-01T10:10:00Z')).state;
    expect(update(acked, occurrence(2, 'high', 2))?.state.status).toBe('acknowledged');
    const rose = update(acked, occurrence(3, 'critical', 2))!;
    expect(rose.state.status).toBe('delivered');
    expect(rose.events[0]?.data).toMatchObject({ reopened: true, previousSeverity: 'high' });
    expect(isDueForEscalation(rose.state, new Date('2026-03-01T10:46:00Z'), false)).toBe(true);
  });

  it('a resolved alert is not updated', () => {
    const resolved = resolve(
      first(),
      {
        userId: null,
        resolution: 'case_declined',
        matterEnded: { type: 'case.declined.v1', at: new Date() },
      },
      ctxAt('2026-03-01T10:10:00Z'),
    ).state;
    expect(resolved.timeline.at(-1)).toMatchObject({ what: 'resolved', code: 'case_declined' });
    expect(update(resolved, occurrence(2, 'critical', 2))).toBeNull();
  });
});

describe('escalating once per alert and severity', () => {
  it('escalated at a severity, it is not due again until its severity rises', () => {
    const late = new Date('2026-03-01T11:01:00Z');
    const escalated = markEscalated(
      first(),
      { ...first(), groupId: region.id, groupLevel: 'regional' },
      ctxAt('2026-03-01T11:01:00Z'),
    ).state;
    expect(isDueForEscalation(escalated, late, false)).toBe(false);
    expect(escalated.timeline.at(-1)).toMatchObject({ what: 'escalated', code: region.id });
    const rose = update(escalated, occurrence(3, 'critical', 2), '2026-03-01T11:05:00Z')!.state;
    expect(isDueForEscalation(rose, new Date('2026-03-01T11:21:00Z'), false)).toBe(true);
    expect(escalationOccurrence(rose).key).not.toBe(escalationOccurrence(escalated).key);
  });

  it('an escalation joining the parent’s open alert is one timeline entry, applied once', () => {
    const parent = raiseAlert(
      {
        group: region,
        severity: 'high',
        region: '190000000',
        district: null,
        source: occurrence(4, 'high', 2).source,
        details: {},
      },
      defaultAckDeadlines,
      ctxAt('2026-03-01T10:20:00Z'),
    ).state;
    const joined = update(parent, escalationOccurrence(first()))!.state;
    expect(joined.timeline.at(-1)).toMatchObject({
      what: 'escalated_in',
      code: district.id,
      sourceType: 'alert.escalated.v1',
    });
    expect(joined.escalationLevel).toBe(1);
    expect(update(joined, escalationOccurrence(first()))).toBeNull();
  });
});

describe('alerts stored before they followed matters', () => {
  it('are read as the first generation of their source event’s matter, and take updates', () => {
    const {
      matter,
      matterKey,
      generation,
      occurredAt,
      updatedAt,
      matterEndedAt,
      applied,
      timeline,
      ...legacy
    } = first();
    const upgraded = upgradeAlert(legacy as AlertState);
    expect(upgraded).toMatchObject({ matterKey: 'case:case-1', generation: 1, timeline: [] });
    expect(upgraded.applied).toEqual([legacy.sourceEventId]);
    expect(update(upgraded, occurrence(2, 'critical', 2))?.state.severity).toBe('critical');
    expect(upgradeAlert(first())).toEqual(first());
  });
});

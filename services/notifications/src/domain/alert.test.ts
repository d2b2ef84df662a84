import { describe, expect, it } from 'vitest';
import { acknowledge, markRead, raiseAlert, raiseInputOf, recordDelivery, resolve } from './alert.ts';
import { renderAlert } from './alert-message.ts';
import { escalationOccurrence, isDueForEscalation, markEscalated } from './escalation.ts';
import { districtGroup, type Group, regionGroup, republicanGroup } from './groups.ts';
import { alertIdFor } from './matter.ts';
import { defaultAckDeadlines } from './severity.ts';

const names = { en: 'x', kk: 'Алматы облысы', ru: 'Алматинская область' };
const region = regionGroup({ kato: '190000000', names });
const district: Group = {
  ...districtGroup({ kato: '193200000', regionKato: '190000000', names }),
  members: [
    { userId: 'u-1', language: 'kk', inbox: true, email: false, webhook: null },
    { userId: 'u-2', language: 'ru', inbox: false, email: true, webhook: null },
  ],
};
const sourceEventId = '019a0000-0000-7000-8000-000000000001';
let seq = 0;
const ctxAt = (iso: string) => ({
  now: new Date(iso),
  actor: 'u-test',
  newId: () => `019a0000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  correlationId: 'corr-1',
  causationId: sourceEventId,
});
const raise = (group: Group) =>
  raiseAlert(
    {
      group,
      severity: 'critical',
      region: '190000000',
      district: '193200000',
      source: { eventId: sourceEventId, type: 'case.escalated.v1', subject: 'case-1' },
      details: { caseNumber: 'EM-2026-19-7', category: 'land_and_property' },
    },
    defaultAckDeadlines,
    ctxAt('2026-03-01T10:00:00Z'),
  );

describe('raising an alert', () => {
  it('one matter gives each group one alert id per generation, however often it is redelivered', () => {
    expect(raise(district).state.alertId).toBe(raise(district).state.alertId);
    expect(raise(district).state.alertId).not.toBe(raise(region).state.alertId);
    const matter = { kind: 'case' as const, id: 'case-1' };
    expect(alertIdFor(matter, district.id, 1)).toBe(raise(district).state.alertId);
    expect(alertIdFor(matter, district.id, 2)).not.toBe(raise(district).state.alertId);
  });

  it('is raised with its deadline and delivered at once to the inbox of members who have one', () => {
    const { state, events } = raise(district);
    expect(state).toMatchObject({ status: 'delivered', severity: 'critical', escalationLevel: 0 });
    expect(state.chainId).toBe(state.alertId);
    expect(state.acknowledgeBy.toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(events.map((e) => e.type)).toEqual(['alert.raised.v1', 'alert.delivered.v1']);
    expect(events[1]?.data).toMatchObject({ channel: 'inbox', recipientId: 'u-1' });
  });

  it('a group without inbox members has the alert raised but not yet delivered', () => {
    expect(raise(region).state.status).toBe('raised');
  });
});

describe('the alert lifecycle', () => {
  it('reading is per member and does not acknowledge; a second read changes nothing', () => {
    const read = markRead(raise(district).state, 'u-1');
    expect(read?.state).toMatchObject({ status: 'read', readBy: ['u-1'], acknowledgedBy: null });
    expect(markRead(read!.state, 'u-1')).toBeNull();
  });

  it('acknowledging does not mark the alert read, and cannot happen twice', () => {
    const ctx = ctxAt('2026-03-01T10:05:00Z');
    const acked = acknowledge(
      raise(district).state,
      { userId: 'u-1', note: { k: 'k1', iv: 'iv', ct: 'ct', tag: 'tag' } },
      ctx,
    );
    expect(acked.state).toMatchObject({ status: 'acknowledged', readBy: [], acknowledgedBy: 'u-1' });
    expect(acked.events[0]?.type).toBe('alert.acknowledged.v1');
    expect(() => acknowledge(acked.state, { userId: 'u-2', note: null }, ctx)).toThrow(
      /already acknowledged/,
    );
  });

  it('a webhook or e-mail delivery is recorded once per recipient and channel', () => {
    const ctx = ctxAt('2026-03-01T10:01:00Z');
    const once = recordDelivery(
      raise(region).state,
      { channel: 'email', recipientId: 'u-2', attempt: 2 },
      ctx,
    );
    expect(once?.state.status).toBe('delivered');
    expect(once?.events[0]?.data).toMatchObject({ channel: 'email', attempt: 2 });
    expect(recordDelivery(once!.state, { channel: 'email', recipientId: 'u-2', attempt: 3 }, ctx)).toBeNull();
  });

  it('a resolved alert cannot be acknowledged or resolved again', () => {
    const ctx = ctxAt('2026-03-01T10:05:00Z');
    const resolved = resolve(raise(district).state, { userId: 'u-1', resolution: 'false_alarm' }, ctx);
    expect(resolved.events[0]?.type).toBe('alert.resolved.v1');
    expect(() => acknowledge(resolved.state, { userId: 'u-1', note: null }, ctx)).toThrow();
    expect(() => resolve(resolved.state, { userId: 'u-1', resolution: 'handled' }, ctx)).toThrow();
  });
});

describe('the escalation chain', () => {
  const late = new Date('2026-03-01T10:16:00Z');

  it('an alert not acknowledged by its deadline is due; before the deadline it is not', () => {
    const { state } = raise(district);
    expect(isDueForEscalation(state, new Date('2026-03-01T10:14:59Z'), false)).toBe(false);
    expect(isDueForEscalation(state, late, false)).toBe(true);
  });

  it('reading does not stop escalation; acknowledging, anywhere in the chain, does', () => {
    const { state } = raise(district);
    expect(isDueForEscalation(markRead(state, 'u-1')!.state, late, false)).toBe(true);
    const acked = acknowledge(state, { userId: 'u-1', note: null }, ctxAt('2026-03-01T10:10:00Z')).state;
    expect(isDueForEscalation(acked, late, false)).toBe(false);
    expect(isDueForEscalation(state, late, true)).toBe(false);
  });

  it('climbs district → region → republic, once per link, keeping the chain id', () => {
    const ctx = ctxAt('2026-03-01T10:16:00Z');
    const first = raise(district).state;
    const raiseForParent = (child: typeof first, parent: Group) =>
      raiseAlert(
        raiseInputOf(parent, child.matter, 1, escalationOccurrence(child)),
        defaultAckDeadlines,
        ctx,
      );
    const toRegion = raiseForParent(first, region).state;
    expect(toRegion).toMatchObject({ groupId: region.id, chainId: first.chainId, escalationLevel: 1 });
    expect(toRegion.acknowledgeBy.toISOString()).toBe('2026-03-01T10:31:00.000Z');
    const escalated = markEscalated(first, toRegion, ctx);
    expect(escalated.events[0]?.data).toMatchObject({ toGroupId: region.id, escalationLevel: 1 });
    expect(isDueForEscalation(escalated.state, late, false)).toBe(false);

    const toRepublic = raiseForParent(toRegion, republicanGroup()).state;
    expect(toRepublic).toMatchObject({
      groupLevel: 'republican',
      escalationLevel: 2,
      chainId: first.chainId,
    });
    expect(isDueForEscalation(toRepublic, new Date('2026-03-02T00:00:00Z'), false)).toBe(false);
  });
});

describe('messages', () => {
  it('speak the member’s language, with codes turned into labels', () => {
    const { state } = raise(district);
    const almaty = (language: 'kk' | 'ru') => ({ language, timeZone: 'Asia/Almaty' });
    expect(renderAlert(state, almaty('kk')).subject).toContain('EM-2026-19-7 ісі жоғары деңгейге берілді');
    expect(renderAlert(state, almaty('ru')).text).toContain('Категория: земля и имущество');
  });
});

import { buildEvent } from '@kelisim/contracts/events/catalogue';
import { describe, expect, it } from 'vitest';
import { type LiveChange, LiveFeed, liveChangeOf } from './live-stream.ts';

const meta = {
  id: '019a0000-0000-7000-8000-000000000001',
  source: '/services/notifications',
  subject: 'al-1',
  time: '2026-03-02T04:05:06.000Z',
  correlationid: 'corr-1',
  causationid: null,
  region: '750000000',
};
const ref = { alertId: 'al-1', chainId: 'al-1', groupId: 'grp-a' };

const changeIn = (groupId: string): LiveChange => ({
  event: 'alert.raised',
  id: `ev-${groupId}`,
  groupIds: [groupId],
  data: { ...ref, groupId, change: 'raised', at: meta.time },
});

describe('the live feed', () => {
  it('pushes a change to the listeners of its group only, until they leave', () => {
    const feed = new LiveFeed();
    const seen: string[] = [];
    const leave = feed.subscribe(['grp-a'], (change) => seen.push(change.id));
    feed.subscribe(['grp-b'], () => seen.push('wrong group'));
    feed.publish(changeIn('grp-a'));
    leave();
    feed.publish(changeIn('grp-a'));
    expect(seen).toEqual(['ev-grp-a']);
    expect(feed.connectionCount()).toBe(1);
  });

  it('a listener that throws does not keep the change from the others', () => {
    const feed = new LiveFeed();
    const seen: string[] = [];
    feed.subscribe(['grp-a'], () => {
      throw new Error('connection gone');
    });
    feed.subscribe(['grp-a'], (change) => seen.push(change.id));
    feed.publish(changeIn('grp-a'));
    expect(seen).toEqual(['ev-grp-a']);
  });

  it('a listener of both groups an escalation concerns hears of it once', () => {
    const feed = new LiveFeed();
    const seen: string[] = [];
    feed.subscribe(['grp-a', 'grp-b'], (change) => seen.push(change.id));
    feed.publish({ ...changeIn('grp-a'), groupIds: ['grp-a', 'grp-b'] });
    expect(seen).toHaveLength(1);
  });
});

describe('what a stream says of an alert event', () => {
  it('a raised alert: its ids, severity, matter and level, named by the change, with no text', () => {
    const raised = buildEvent(
      'alert.raised.v1',
      {
        ...ref,
        groupLevel: 'district',
        region: '750000000',
        district: '751310000',
        severity: 'critical',
        sourceEventId: '019a0000-0000-7000-8000-000000000000',
        sourceType: 'case.escalated.v1',
        sourceSubject: 'case-1',
        escalationLevel: 0,
        acknowledgeBy: '2026-03-02T04:20:06.000Z',
      },
      meta,
    );
    expect(liveChangeOf(raised)).toEqual({
      event: 'alert.raised',
      id: meta.id,
      groupIds: ['grp-a'],
      data: {
        ...ref,
        change: 'raised',
        at: meta.time,
        severity: 'critical',
        sourceType: 'case.escalated.v1',
        sourceSubject: 'case-1',
        escalationLevel: 0,
      },
    });
  });

  it('an update says the new severity and whether it asks for acknowledgement again', () => {
    const updated = buildEvent(
      'alert.updated.v1',
      {
        ...ref,
        severity: 'critical',
        previousSeverity: 'high',
        sourceEventId: meta.id,
        sourceType: 'case.escalated.v1',
        escalationLevel: 0,
        acknowledgeBy: '2026-03-02T04:20:06.000Z',
        reopened: true,
        fromGroupId: null,
      },
      meta,
    );
    expect(liveChangeOf(updated)).toEqual({
      event: 'alert.updated',
      id: meta.id,
      groupIds: ['grp-a'],
      data: {
        ...ref,
        change: 'updated',
        at: meta.time,
        severity: 'critical',
        sourceType: 'case.escalated.v1',
        escalationLevel: 0,
        reopened: true,
      },
    });
  });

  it('an escalation reaches the parent group too, naming the alert raised there', () => {
    const escalated = buildEvent(
      'alert.escalated.v1',
      {
        ...ref,
        toGroupId: 'grp-b',
        toGroupLevel: 'regional',
        toAlertId: 'al-2',
        severity: 'high',
        escalationLevel: 1,
        missedDeadline: '2026-03-02T05:00:00.000Z',
      },
      meta,
    );
    expect(liveChangeOf(escalated)).toMatchObject({
      event: 'alert.escalated',
      groupIds: ['grp-a', 'grp-b'],
      data: { change: 'escalated', toGroupId: 'grp-b', toAlertId: 'al-2', escalationLevel: 1 },
    });
  });

  it('an acknowledgement does not name who acknowledged', () => {
    const acknowledged = buildEvent(
      'alert.acknowledged.v1',
      { ...ref, acknowledgedBy: 'd-kk', escalationLevel: 0, sourceEventId: meta.id },
      meta,
    );
    const { data } = liveChangeOf(acknowledged);
    expect(data).toEqual({ ...ref, change: 'acknowledged', at: meta.time, escalationLevel: 0 });
  });
});

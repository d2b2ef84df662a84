// Escalation and acknowledgement (DESIGN.md flow 1) against the real broker and FerretDB, with a
// clock the test moves past the deadlines; the inbox's filters; resolution when a case closes.
import { topicName } from '@kelisim/contracts/topics';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  district,
  districtGroupId,
  eventually,
  minute,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

describe('escalation: unacknowledged alerts climb to the parent group once, acknowledged ones stop', () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    f = await startServiceUnderTest('escalation');
  });
  afterAll(async () => {
    await f?.close();
  });

  it('left unacknowledged past the deadline, alerts escalate to the parent group once, even with two sweeps at once', async () => {
    // Level 1 alerts the district group, level 2 the region's; a critical registration both.
    const toDistrict = f.caseEvent('case.escalated.v1', 'case-esc-0');
    const escalated = f.caseEvent('case.escalated.v1', 'case-esc-1', {
      escalationLevel: 2,
      previousLevel: 1,
    });
    const registered = f.caseEvent('case.registered.v1', 'case-reg-1');
    await f.publish(toDistrict);
    await f.publish(escalated);
    await f.publish(registered);
    await eventually(async () =>
      expect(await f.inboxFor(regionGroupId, await f.regionMember(), registered.id)).toHaveLength(1),
    );
    await eventually(async () =>
      expect(await f.inboxFor(regionGroupId, await f.regionMember(), escalated.id)).toHaveLength(1),
    );
    expect(await f.inboxFor(districtGroupId, await f.districtMember(), escalated.id)).toHaveLength(0);
    expect(await f.inboxFor(districtGroupId, await f.districtMember(), registered.id)).toHaveLength(1);
    expect(await f.inboxFor(districtGroupId, await f.districtMember(), toDistrict.id)).toHaveLength(1);
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), toDistrict.id)).toHaveLength(0);
    const sourceEventId = escalated.id;
    expect(await f.service.sweepEscalations()).toBe(0); // not yet: 15 minutes for critical
    f.advanceClock(16 * minute);
    const [a, b] = await Promise.all([f.service.sweepEscalations(), f.service.sweepEscalations()]);
    // The district's two alerts and the region's two: four escalations, each once.
    expect(a + b).toBe(4);
    expect(await f.service.sweepEscalations()).toBe(0);
    // The district's alert for case-esc-0 raised the region's; case-reg-1's joined the region's own.
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), toDistrict.id)).toHaveLength(1);

    const republic = await f.inboxFor('grp-kz', await f.republicMember(), sourceEventId);
    expect(republic).toHaveLength(1);
    expect(republic[0]).toMatchObject({ escalationLevel: 1, severity: 'critical' });
    // The district alert joined the region's existing alert: still one alert per group.
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), sourceEventId)).toHaveLength(1);
    await eventually(() =>
      expect(
        f.published.filter((e) => e.type === 'alert.escalated.v1' && e.data.toGroupId === 'grp-kz'),
      ).toHaveLength(2),
    );
  });

  it('an acknowledged alert does not escalate, and acknowledging is not reading', async () => {
    const event = f.caseEvent('case.follow-up-due.v1', 'case-fu-1');
    await f.publish(event);
    const [alert] = await eventually(async () => {
      const found = await f.inboxFor(districtGroupId, await f.districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(alert).toMatchObject({ severity: 'medium' });
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(0);
    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await f.districtMember(),
      payload: { note: 'we are on it' },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      read: false,
      acknowledgedBy: 'd-kk',
      acknowledgeNote: 'we are on it',
    });
    // Free text is personal data: encrypted at rest, in the read model and the commit log alike.
    const stored = await nativeCollection(f.runtime.connection, 'alerts').findOne({
      _id: alert!.alertId as never,
    });
    expect(JSON.stringify(stored)).not.toContain('we are on it');
    const commits = await nativeCollection(f.runtime.connection, 'alerts_commits')
      .find({ streamId: alert!.alertId })
      .toArray();
    expect(JSON.stringify(commits)).not.toContain('we are on it');
    const twice = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await f.districtMember(),
      payload: {},
    });
    expect(twice.statusCode).toBe(409);

    f.advanceClock(5 * 60 * minute);
    await f.service.sweepEscalations();
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(0);
    await eventually(() =>
      expect(
        f.published.filter((e) => e.type === 'alert.acknowledged.v1' && e.subject === alert!.alertId),
      ).toHaveLength(1),
    );

    const read = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/read`,
      headers: await f.districtMember(),
    });
    expect(read.json()).toMatchObject({ status: 'acknowledged', read: true });
  });

  it('the inbox filters by severity and status and pages by cursor', async () => {
    const headers = await f.districtMember();
    const critical = await f.inbox(districtGroupId, headers, '?severity=critical&limit=1');
    expect(critical.items).toHaveLength(1);
    expect(critical.nextCursor).not.toBeNull();
    const next = await f.inbox(
      districtGroupId,
      headers,
      `?severity=critical&limit=1&cursor=${critical.nextCursor}`,
    );
    expect(next.items).toHaveLength(1);
    expect(next.items[0]?.alertId).not.toBe(critical.items[0]?.alertId);
    const acknowledged = await f.inbox(districtGroupId, headers, '?status=acknowledged');
    expect(acknowledged.items.map((a) => a.severity)).toEqual(['medium']);
  });

  it('a member’s own inbox gathers the alerts of their groups only; an administrator’s, every group’s', async () => {
    const ids = (page: { items: { alertId: string }[] }) => page.items.map((a) => a.alertId);
    const headers = await f.regionMember();
    const mine = await f.service.app.inject({ method: 'GET', url: '/alerts?limit=100', headers });
    expect(ids(mine.json())).toEqual(ids(await f.inbox(regionGroupId, headers, '?limit=100')));
    const all = await f.service.app.inject({
      method: 'GET',
      url: '/alerts?limit=100',
      headers: await f.admin(),
    });
    expect(all.json().items.length).toBeGreaterThan(mine.json().items.length);

    const admin = await f.admin();
    const get = (query: string) =>
      f.service.app.inject({ method: 'GET', url: `/alerts${query}`, headers: admin });
    const inDistrict = (await get('?district=751310000&limit=100')).json().items;
    expect(inDistrict.length).toBeGreaterThan(0);
    expect(inDistrict.every((a: { district: string }) => a.district === '751310000')).toBe(true);
    expect((await get('?to=2000-01-01')).json().items).toEqual([]);
    const reversed = await get('?from=2026-03-02&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
  });

  it('a late acknowledgement anywhere in the chain stops it from climbing further', async () => {
    const event = f.caseEvent('case.follow-up-due.v1', 'case-fu-2');
    await f.publish(event);
    const [first] = await eventually(async () => {
      const found = await f.inboxFor(districtGroupId, await f.districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    f.advanceClock(5 * 60 * minute); // past the 4 hours of a medium alert
    await f.service.sweepEscalations();
    const [upstream] = await f.inboxFor(regionGroupId, await f.regionMember(), event.id);
    expect(upstream).toMatchObject({ escalationLevel: 1, chainId: first!.chainId });

    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${first!.alertId}/acknowledge`,
      headers: await f.districtMember(),
      payload: {},
    });
    expect(ack.statusCode).toBe(200);
    f.advanceClock(5 * 60 * minute);
    await f.service.sweepEscalations();
    expect(await f.inboxFor('grp-kz', await f.republicMember(), event.id)).toHaveLength(0);
  });

  it('when a case closes, its open alerts are resolved by the system in every group', async () => {
    const registered = f.published.find(
      (e) => e.type === 'alert.raised.v1' && e.data.sourceSubject === 'case-reg-1',
    );
    const sourceEventId = registered?.data.sourceEventId as string;
    const closed = f.anyEvent('case.closed.v1', 'case-reg-1', region, {
      caseId: 'case-reg-1',
      caseNumber: 'EM-2026-75-17',
      region,
      district,
      status: 'closed',
      category: 'group_conflict',
      mediatorId: 'med-1',
      outcome: 'agreement',
      outcomeReached: true,
      sessionCount: 2,
      closedOn: '2026-03-02',
    });
    await f.runtime.producer.send({
      topic: topicName(f.runtime.infra.topicPrefix, 'cases'),
      messages: [{ key: closed.subject, value: JSON.stringify(closed) }],
    });
    for (const [groupId, headers] of [
      [districtGroupId, await f.districtMember()],
      [regionGroupId, await f.regionMember()],
      ['grp-kz', await f.republicMember()],
    ] as const) {
      await eventually(async () =>
        expect(await f.inboxFor(groupId, headers, sourceEventId)).toEqual([
          expect.objectContaining({ status: 'resolved', resolution: 'case_closed' }),
        ]),
      );
    }
    await eventually(() =>
      expect(
        f.published.filter((e) => e.type === 'alert.resolved.v1' && e.data.resolvedBy === null),
      ).toHaveLength(3),
    );
  });
});

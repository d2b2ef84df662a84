// Alerts reach the right groups on every channel, once, against the real broker and FerretDB, a
// local webhook receiver and a local SMTP server; scope, validation and the rules API.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { keycloakStartTimeoutMs, startKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from './events/raise-alerts.ts';
import { mailText, openEventStream } from './testing/local-receivers.ts';
import {
  type Alert,
  district,
  districtGroupId,
  districtSecret,
  eventually,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

describe('alert delivery: the right groups, every channel, once', () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    // E-mails go to the addresses on the members' Keycloak accounts.
    f = await startServiceUnderTest('alert-delivery', { keycloak: await startKeycloak() });
  }, keycloakStartTimeoutMs + 60_000);
  afterAll(async () => {
    await f?.close();
  });

  const firstEscalatedEventId = () =>
    f.published.find(
      (e) =>
        e.type === 'alert.raised.v1' &&
        e.data.sourceType === 'case.escalated.v1' &&
        e.data.groupId === regionGroupId,
    )?.data.sourceEventId as string;

  it('a critical case escalated to level 1 then 2 reaches the district’s then the region’s inbox, the live stream, a signed webhook and e-mail in the group’s language', async () => {
    const stream = openEventStream(
      `${f.baseUrl}/groups/${districtGroupId}/alerts/stream`,
      await f.districtMember(),
    );
    await eventually(() => expect(f.service.feed.connectionCount()).toBe(1));
    // Level 1 goes to the district group (DESIGN.md §5), level 2 to the region's.
    const event = f.caseEvent('case.escalated.v1', 'case-esc-1', { escalationLevel: 1, previousLevel: 0 });
    await f.publish(event);

    const [districtAlert] = await eventually(async () => {
      const found = await f.inboxFor(districtGroupId, await f.districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(districtAlert).toMatchObject({
      severity: 'critical',
      status: 'delivered',
      escalationLevel: 0,
      read: false,
    });
    const toRegion = f.caseEvent('case.escalated.v1', 'case-esc-1', { escalationLevel: 2, previousLevel: 1 });
    await f.publish(toRegion);
    await eventually(async () =>
      expect(await f.inboxFor(regionGroupId, await f.regionMember(), toRegion.id)).toHaveLength(1),
    );

    await eventually(() =>
      expect(
        stream.events.filter((e) => e.event === 'alert.raised').map((e) => (e.data as Alert).alertId),
      ).toEqual([districtAlert!.alertId]),
    );
    expect(stream.status()).toBe(200);
    stream.close();

    const hook = await eventually(() => {
      const found = f.webhooks.received.find(
        (r) => r.path === '/ok' && r.body.includes(districtAlert!.alertId),
      );
      expect(found).toBeDefined();
      return found!;
    });
    // As any receiver would: with the Standard Webhooks library, the member's secret and the headers.
    expect(
      new Webhook(districtSecret).verify(hook.body, hook.headers as Record<string, string>),
    ).toMatchObject({
      alertId: districtAlert!.alertId,
    });
    expect(hook.headers['webhook-id']).toMatch(/\S/);
    expect(JSON.parse(hook.body)).toMatchObject({
      alertId: districtAlert!.alertId,
      severity: 'critical',
      language: 'kk',
    });

    const mail = await eventually(() => {
      const found = f.smtp.mails.find((m) => m.to.includes('d-kk@example.test'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.raw).toMatch(/Content-Language: kk/i);
    expect(mailText(mail.raw)).toContain('EM-2026-75-17 ісі 1-деңгейге берілді');
    // Readable: local times, no ISO timestamp or alert id, a link to the case in the console.
    expect(mailText(mail.raw)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|al-[0-9a-f]{10}/);
    expect(mailText(mail.raw)).toContain(`Консольде ашу: http://127.0.0.1:4100/#/cases/${event.subject}`);
    const russian = await eventually(
      () =>
        f.smtp.mails.find((m) => m.to.includes('r-ru@example.test')) ??
        Promise.reject(new Error('no mail yet')),
    );
    expect(russian.raw).toMatch(/Content-Language: ru/i);
    expect(mailText(russian.raw)).toContain('Дело EM-2026-75-17 передано на уровень 2');

    // One alert per group for the case: the district's was updated by level 2, not raised again.
    await eventually(() =>
      expect(
        f.published
          .filter((e) => e.type === 'alert.raised.v1' && e.data.sourceSubject === 'case-esc-1')
          .map((e) => String(e.data.groupId))
          .sort(),
      ).toEqual([districtGroupId, regionGroupId].sort()),
    );
    await eventually(() =>
      expect(
        f.published.filter((e) => e.type === 'alert.updated.v1' && e.data.groupId === districtGroupId),
      ).toHaveLength(1),
    );
  });

  /** The event handed to the alerting rules again, past the consumer's duplicate check. */
  async function raiseStraightFromRules(event: unknown): Promise<number> {
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(event)));
    if (!parsed.ok) throw new Error('fixture does not parse');
    return raiseAlerts(parsed.event, { severity: 'critical', region, district }, {}, f.service.alerting);
  }

  it('redelivering the same event, through Kafka or straight to the rules, adds no alert', async () => {
    const event = f.caseEvent('case.registered.v1', 'case-reg-1');
    await f.publish(event);
    await eventually(async () =>
      expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(1),
    );
    await f.publish(event);
    const again = await raiseStraightFromRules(event);
    expect(again).toBe(0);
    await eventually(() => expect(f.consumer.stats.skippedDuplicates).toBeGreaterThanOrEqual(1));
    expect(await f.inboxFor(districtGroupId, await f.districtMember(), event.id)).toHaveLength(1);
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(1);
  });

  it('an event redelivered after its alert was committed but not projected (a crash between the two) restores the alert and adds none', async () => {
    const event = f.caseEvent('case.registered.v1', 'case-reg-crash');
    await f.publish(event);
    await eventually(async () =>
      expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(1),
    );
    const [lost] = await f.inboxFor(regionGroupId, await f.regionMember(), event.id);
    if (!lost) throw new Error('the alert was not raised');
    const alerts = f.service.stores.alerts;
    await alerts.log.current.deleteOne({ _id: lost.alertId });
    const again = await raiseStraightFromRules(event);
    expect(again).toBe(0);
    // Rebuilt from its commits: at least the raise, and any delivery recorded since (e-mail and
    // webhooks are sent in the background, so their count depends on timing).
    const restored = await alerts.get(lost.alertId);
    expect(restored).toMatchObject({ alertId: lost.alertId, severity: lost.severity });
    expect(restored?.version).toBeGreaterThanOrEqual(1);
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), event.id)).toHaveLength(1);
  });

  it('a failing webhook is retried with backoff and logged until it gives up, while the inbox has the alert', async () => {
    const [regionAlert] = await f.inboxFor(regionGroupId, await f.regionMember(), firstEscalatedEventId());
    expect(regionAlert?.status).toBe('delivered'); // by e-mail, whatever the webhook does
    await eventually(async () => {
      await f.service.retryDeliveries();
      const log = await f.service.app.inject({
        method: 'GET',
        url: `/alerts/${regionAlert!.alertId}/deliveries`,
        headers: await f.regionMember(),
      });
      const webhook = log.json().items.find((d: { channel: string }) => d.channel === 'webhook');
      expect(webhook).toMatchObject({ status: 'failed', attempts: 3 });
      expect(webhook.log.map((a: { ok: boolean; detail: string }) => a.detail)).toEqual([
        'http 500',
        'http 500',
        'http 500',
      ]);
    });
    expect(
      f.webhooks.received.filter((r) => r.path === '/fail' && r.body.includes(regionAlert!.alertId)),
    ).toHaveLength(3);
  });

  it('a member outside the group or its territory gets 404, never the alert', async () => {
    const [alert] = (await f.inbox(districtGroupId, await f.districtMember())).items;
    const stranger = await f.auth.headers({
      sub: 'other',
      roles: ['group_member'],
      regions: ['710000000'],
      groups: [districtGroupId],
    });
    for (const url of [
      `/groups/${districtGroupId}/alerts`,
      `/alerts/${alert!.alertId}`,
      `/groups/${districtGroupId}`,
    ]) {
      const response = await f.service.app.inject({ method: 'GET', url, headers: stranger });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await f.regionMember(),
      payload: {},
    });
    expect(ack.statusCode).toBe(404);
  });

  it('bad input gets 400 problem+json and writes nothing', async () => {
    const [alert] = (await f.inbox(districtGroupId, await f.districtMember(), '?status=delivered')).items;
    const bad = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await f.districtMember(),
      payload: { note: 42 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const after = await f.service.app.inject({
      method: 'GET',
      url: `/alerts/${alert!.alertId}`,
      headers: await f.districtMember(),
    });
    expect(after.json()).toMatchObject({ status: 'delivered', acknowledgedBy: null });

    const rule = await f.service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: await f.admin(),
      payload: { minSeverity: 'urgent', targets: ['district'], enabled: true },
    });
    expect(rule.statusCode).toBe(400);
    const group = await f.service.app.inject({
      method: 'POST',
      url: '/groups',
      headers: await f.admin(),
      payload: { level: 'district', district: '999999999' },
    });
    expect(group.statusCode).toBe(400);
    const rules = await f.service.app.inject({ method: 'GET', url: '/rules', headers: await f.admin() });
    expect(rules.json().items.find((r: { id: string }) => r.id === 'critical-case')).toMatchObject({
      minSeverity: 'critical',
      version: 1,
    });
  });

  it('a region’s risk band rising to high alerts the region group and the republican group; a falling band alerts nobody', async () => {
    const risk = (direction: 'rising' | 'falling', band: string, previousBand: string) =>
      f.anyEvent('region.risk-changed.v1', region, region, {
        region,
        score: 71,
        band,
        previousBand,
        previousScore: 48,
        direction,
        factors: [{ name: 'escalations', value: 0.8, delta: 0.4, weight: 0.3 }],
        windowDays: 30,
        explanation: { drivers: ['escalations', 'visit_findings'] },
      });
    const falling = risk('falling', 'elevated', 'high');
    const rising = risk('rising', 'high', 'elevated');
    await f.publish(falling, 'monitoring');
    await f.publish(rising, 'monitoring');
    await eventually(async () =>
      expect(await f.inboxFor('grp-kz', await f.republicMember(), rising.id)).toHaveLength(1),
    );
    const [regional] = await f.inboxFor(regionGroupId, await f.regionMember(), rising.id);
    expect(regional).toMatchObject({ severity: 'high', escalationLevel: 0 });
    // Same key, same partition: the falling event was handled before the rising one.
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), falling.id)).toHaveLength(0);
  });

  it('an expiring certification reaches the group of every region the mediator covers', async () => {
    const astana = '710000000';
    const registered = f.anyEvent('mediator.registered.v1', 'med-7', region, {
      mediatorId: 'med-7',
      userId: 'user-med-7',
      homeRegion: region,
      regions: [region, astana],
      languages: ['kk', 'ru'],
      specialisations: ['land_and_property'],
      status: 'active',
    });
    await f.publish(registered, 'mediators');
    const regions = nativeCollection<{ _id: string; regions: string[] }>(
      f.runtime.connection,
      'mediator_regions',
    );
    await eventually(async () =>
      expect(await regions.findOne({ _id: 'med-7' })).toMatchObject({ regions: [region, astana] }),
    );
    const expiring = f.anyEvent('certification.expiring.v1', 'cert-7', region, {
      certificationId: 'cert-7',
      mediatorId: 'med-7',
      courseId: 'course-1',
      validUntil: '2026-12-01',
      daysLeft: 5,
    });
    await f.publish(expiring, 'mediators');
    await eventually(async () =>
      expect(await f.inboxFor(`grp-${astana}`, await f.admin(), expiring.id)).toHaveLength(1),
    );
    const [home] = await f.inboxFor(regionGroupId, await f.admin(), expiring.id);
    expect(home).toMatchObject({ severity: 'high' });
  });

  it('administrators edit a rule with If-Match; a stale version gets 412', async () => {
    const payload = { minSeverity: 'high', targets: ['district', 'region'], enabled: true };
    const ok = await f.service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: { ...(await f.admin()), 'if-match': '"1"' },
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await f.service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: { ...(await f.admin()), 'if-match': '"1"' },
      payload,
    });
    expect(stale.statusCode).toBe(412);
    const member = await f.service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: await f.districtMember(),
      payload,
    });
    expect(member.statusCode).toBe(404);
  });
});

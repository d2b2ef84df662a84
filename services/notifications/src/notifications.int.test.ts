// The notifications service against the real broker and FerretDB, with a local webhook receiver
// and SMTP server: events from case-intake become alerts in the right inboxes, on the live
// stream, on webhooks and in e-mail; escalation and acknowledgement behave as DESIGN.md flow 1.
import type { AddressInfo } from 'node:net';
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import { topicRouter } from '@kelisim/service-kit/service-runtime';
// The global setup declares what it provides to test files (vitest's ProvidedContext).
import type {} from '@kelisim/service-kit/testing/global-setup';
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from './delivery/webhook-signature.ts';
import { defaultAckDeadlines } from './domain/severity.ts';
import { raiseAlerts } from './events/raise-alerts.ts';
import { createNotificationsService, type NotificationsService } from './service.ts';
import { openEventStream, startSmtpServer, startWebhookReceiver } from './testing/local-receivers.ts';

const region = '750000000'; // Almaty (city)
const district = '751310000'; // Auezov district
const districtGroupId = `grp-${district}`;
const regionGroupId = `grp-${region}`;
const secret = 'district-webhook-secret';
const minute = 60_000;

type Alert = {
  alertId: string;
  groupId: string;
  status: string;
  severity: string;
  escalationLevel: number;
  chainId: string;
  read: boolean;
  sourceEventId: string;
};

describe('notifications: alerts reach the right groups, get acknowledged, and escalate when they do not', () => {
  let runtime: TestRuntime;
  let auth: TestAuth;
  let service: NotificationsService;
  let consumer: RunningConsumer;
  let watcher: Consumer;
  let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let baseUrl: string;
  let clockOffsetMs = 0;
  const published: { type: string; subject: string; data: Record<string, unknown> }[] = [];

  const admin = () => auth.headers({ sub: 'admin-1', roles: ['admin'], regions: ['KZ'] });
  const districtMember = () => auth.headers({ sub: 'd-kk', roles: ['group_member'], regions: [region] });
  const regionMember = () => auth.headers({ sub: 'r-ru', roles: ['group_member'], regions: [region] });
  const republicMember = () => auth.headers({ sub: 'kz-1', roles: ['group_member'], regions: ['KZ'] });

  async function inbox(
    groupId: string,
    headers: Record<string, string>,
    query = '',
  ): Promise<{ items: Alert[]; nextCursor: string | null }> {
    const response = await service.app.inject({
      method: 'GET',
      url: `/groups/${groupId}/alerts${query}`,
      headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }
  const inboxFor = async (groupId: string, headers: Record<string, string>, sourceEventId: string) =>
    (await inbox(groupId, headers, '?limit=100')).items.filter((a) => a.sourceEventId === sourceEventId);

  function caseEvent<T extends 'case.escalated.v1' | 'case.registered.v1' | 'case.follow-up-due.v1'>(
    type: T,
    caseId: string,
    data: Partial<EventData<T>> = {},
  ) {
    const base = {
      caseId,
      caseNumber: 'EM-2026-75-17',
      region,
      district,
      category: 'group_conflict',
      urgency: 'critical',
      riskFlags: ['violence_threatened'],
      escalationLevel: 2,
      previousLevel: 1,
      reason: 'violence_threatened',
      mediatorId: 'med-1',
      escalatedBy: 'med-1',
      partyCount: 2,
      partyLanguages: ['kk', 'ru'],
      communityCodes: [],
      locality: null,
      registeredBy: 'med-1',
      dueOn: '2026-03-01',
    };
    return buildEvent(type, { ...base, ...data } as unknown as EventData<T>, {
      id: newEventId(),
      source: '/services/case-intake',
      subject: caseId,
      time: new Date().toISOString(),
      correlationid: `corr-${caseId}`,
      causationid: null,
      region,
    });
  }
  async function publish(event: { subject: string }) {
    await runtime.producer.send({
      topic: topicName(runtime.infra.topicPrefix, 'cases'),
      messages: [{ key: event.subject, value: JSON.stringify(event) }],
    });
  }

  beforeAll(async () => {
    runtime = await startTestRuntime('notifications');
    auth = await createTestAuth();
    webhooks = await startWebhookReceiver();
    smtp = await startSmtpServer();
    service = await createNotificationsService({
      settings: {
        SERVICE_NAME: 'notifications',
        TOPIC_PREFIX: runtime.infra.topicPrefix,
        ACK_DEADLINES: defaultAckDeadlines,
        ESCALATION_SWEEP_INTERVAL_MS: 3_600_000,
        DELIVERY_RETRY_INTERVAL_MS: 3_600_000,
        DELIVERY_RETRY_BASE_MS: 20,
        DELIVERY_MAX_ATTEMPTS: 3,
        WEBHOOK_TIMEOUT_MS: 2_000,
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Kelisim <alerts@kelisim.test>',
      },
      connection: runtime.connection,
      kafka: runtime.kafka,
      producer: runtime.producer,
      topicFor: topicRouter(runtime.infra.topicPrefix),
      logger: runtime.logger,
      auth: auth.verifier,
      readiness: async () => ({ test: true }),
      cipher: new FieldCipher(generateKeyRing()),
      clock: () => new Date(Date.now() + clockOffsetMs),
      consumerRetryBaseMs: 20,
    });
    await service.ensureIndexes();
    await service.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
    service.relay.start();
    consumer = await service.startConsumer();
    watcher = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}alerts-watch` });
    await watcher.connect();
    await watcher.subscribe({ topic: topicName(runtime.infra.topicPrefix, 'alerts'), fromBeginning: true });
    await watcher.run({
      eachMessage: async ({ message }) => {
        const parsed = parseEnvelope(JSON.parse(String(message.value)), { family: 'alerts' });
        if (parsed.ok)
          published.push({
            type: parsed.event.type,
            subject: parsed.event.subject,
            data: parsed.event.data as Record<string, unknown>,
          });
      },
    });

    const seed = await service.app.inject({
      method: 'POST',
      url: '/groups/seed',
      headers: await admin(),
      payload: { districts: [district] },
    });
    expect(seed.json()).toMatchObject({ created: 22 });
    const members = async (groupId: string, list: unknown[]) => {
      const response = await service.app.inject({
        method: 'PUT',
        url: `/groups/${groupId}`,
        headers: { ...(await admin()), 'if-match': '"1"' },
        payload: { names: { kk: groupId, ru: groupId }, members: list },
      });
      expect(response.statusCode).toBe(200);
    };
    await members(districtGroupId, [
      {
        userId: 'd-kk',
        language: 'kk',
        email: 'd-kk@example.test',
        webhook: { url: webhooks.url('/ok'), secret },
      },
    ]);
    await members(regionGroupId, [
      {
        userId: 'r-ru',
        language: 'ru',
        email: 'r-ru@example.test',
        webhook: { url: webhooks.url('/fail'), secret: 'region-webhook-secret' },
      },
    ]);
    await members('grp-kz', [{ userId: 'kz-1', language: 'ru' }]);
  });

  afterAll(async () => {
    await watcher?.disconnect();
    await consumer?.stop();
    await service?.app.close();
    await service?.dispatcher.settled();
    await service?.relay.stop();
    service?.close();
    await webhooks?.close();
    await smtp?.close();
    await runtime?.close();
  });

  it('members’ e-mail addresses and webhook secrets are encrypted at rest and secrets never answered', async () => {
    const stored = await nativeCollection(runtime.connection, 'groups').findOne({
      _id: districtGroupId as never,
    });
    expect(JSON.stringify(stored)).not.toContain('d-kk@example.test');
    expect(JSON.stringify(stored)).not.toContain(secret);
    const answered = await service.app.inject({
      method: 'GET',
      url: `/groups/${districtGroupId}`,
      headers: await districtMember(),
    });
    expect(answered.json().members[0]).toMatchObject({
      email: 'd-kk@example.test',
      webhook: { hasSecret: true },
    });
    expect(answered.body).not.toContain(secret);
  });

  it('seeding the directory again creates nothing', async () => {
    const again = await service.app.inject({
      method: 'POST',
      url: '/groups/seed',
      headers: await admin(),
      payload: { districts: [district] },
    });
    expect(again.json()).toEqual({ created: 0, existing: 22 });
  });

  it('a critical case.escalated in a district reaches the district and region inboxes, the live stream, a signed webhook and e-mail in the group’s language', async () => {
    const stream = openEventStream(
      `${baseUrl}/groups/${districtGroupId}/alerts/stream`,
      await districtMember(),
    );
    await waitFor(() => expect(service.feed.connectionCount()).toBe(1));
    const event = caseEvent('case.escalated.v1', 'case-esc-1');
    await publish(event);

    const [districtAlert] = await waitFor(async () => {
      const found = await inboxFor(districtGroupId, await districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(districtAlert).toMatchObject({
      severity: 'critical',
      status: 'delivered',
      escalationLevel: 0,
      read: false,
    });
    expect(await inboxFor(regionGroupId, await regionMember(), event.id)).toHaveLength(1);

    await waitFor(() =>
      expect(stream.events.map((e) => (e.data as Alert).alertId)).toEqual([districtAlert!.alertId]),
    );
    expect(stream.status()).toBe(200);
    stream.close();

    const hook = await waitFor(() => {
      const found = webhooks.received.find(
        (r) => r.path === '/ok' && r.body.includes(districtAlert!.alertId),
      );
      expect(found).toBeDefined();
      return found!;
    });
    const signature = String(hook.headers['kelisim-signature']);
    expect(verifyWebhook(secret, signature, hook.body, Number(hook.headers['kelisim-timestamp']))).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({
      alertId: districtAlert!.alertId,
      severity: 'critical',
      language: 'kk',
    });

    const mail = await waitFor(() => {
      const found = smtp.mails.find((m) => m.to.includes('d-kk@example.test'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.raw).toMatch(/Content-Language: kk/i);
    const russian = await waitFor(
      () =>
        smtp.mails.find((m) => m.to.includes('r-ru@example.test')) ??
        Promise.reject(new Error('no mail yet')),
    );
    expect(russian.raw).toMatch(/Content-Language: ru/i);

    await waitFor(() =>
      expect(
        published.filter((e) => e.type === 'alert.raised.v1' && e.data.sourceEventId === event.id),
      ).toHaveLength(2),
    );
  });

  it('redelivering the same event, through Kafka or straight to the rules, adds no alert', async () => {
    const event = caseEvent('case.registered.v1', 'case-reg-1');
    await publish(event);
    await waitFor(async () =>
      expect(await inboxFor(regionGroupId, await regionMember(), event.id)).toHaveLength(1),
    );
    await publish(event);
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(event)));
    if (!parsed.ok) throw new Error('fixture does not parse');
    const again = await raiseAlerts(
      parsed.event,
      { severity: 'critical', region, district },
      {},
      service.alerting,
    );
    expect(again).toBe(0);
    await waitFor(() => expect(consumer.stats.skippedDuplicates).toBeGreaterThanOrEqual(1));
    expect(await inboxFor(districtGroupId, await districtMember(), event.id)).toHaveLength(1);
    expect(await inboxFor(regionGroupId, await regionMember(), event.id)).toHaveLength(1);
  });

  it('a failing webhook is retried with backoff and logged until it gives up, while the inbox has the alert', async () => {
    const [regionAlert] = await inboxFor(
      regionGroupId,
      await regionMember(),
      (await firstEscalatedEventId()) as string,
    );
    expect(regionAlert?.status).toBe('delivered'); // by e-mail, whatever the webhook does
    await waitFor(async () => {
      await service.retryDeliveries();
      const log = await service.app.inject({
        method: 'GET',
        url: `/alerts/${regionAlert!.alertId}/deliveries`,
        headers: await regionMember(),
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
      webhooks.received.filter((r) => r.path === '/fail' && r.body.includes(regionAlert!.alertId)),
    ).toHaveLength(3);
  });

  async function firstEscalatedEventId() {
    return published.find((e) => e.type === 'alert.raised.v1' && e.data.sourceType === 'case.escalated.v1')
      ?.data.sourceEventId;
  }

  it('left unacknowledged past the deadline, alerts escalate to the parent group once, even with two sweeps at once', async () => {
    const sourceEventId = (await firstEscalatedEventId()) as string;
    expect(await service.sweepEscalations()).toBe(0); // not yet: 15 minutes for critical
    clockOffsetMs += 16 * minute;
    const [a, b] = await Promise.all([service.sweepEscalations(), service.sweepEscalations()]);
    // Both case.escalated and case.registered raised alerts in district and region: four escalations.
    expect(a + b).toBe(4);
    expect(await service.sweepEscalations()).toBe(0);

    const republic = await inboxFor('grp-kz', await republicMember(), sourceEventId);
    expect(republic).toHaveLength(1);
    expect(republic[0]).toMatchObject({ escalationLevel: 1, severity: 'critical' });
    // The district alert joined the region's existing alert: still one alert per group.
    expect(await inboxFor(regionGroupId, await regionMember(), sourceEventId)).toHaveLength(1);
    await waitFor(() =>
      expect(
        published.filter((e) => e.type === 'alert.escalated.v1' && e.data.toGroupId === 'grp-kz'),
      ).toHaveLength(2),
    );
  });

  it('an acknowledged alert does not escalate, and acknowledging is not reading', async () => {
    const event = caseEvent('case.follow-up-due.v1', 'case-fu-1');
    await publish(event);
    const [alert] = await waitFor(async () => {
      const found = await inboxFor(districtGroupId, await districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(alert).toMatchObject({ severity: 'medium' });
    expect(await inboxFor(regionGroupId, await regionMember(), event.id)).toHaveLength(0);
    const ack = await service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await districtMember(),
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
    const stored = await nativeCollection(runtime.connection, 'alerts').findOne({
      _id: alert!.alertId as never,
    });
    expect(JSON.stringify(stored)).not.toContain('we are on it');
    const commits = await nativeCollection(runtime.connection, 'alerts_commits')
      .find({ streamId: alert!.alertId })
      .toArray();
    expect(JSON.stringify(commits)).not.toContain('we are on it');
    const twice = await service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await districtMember(),
      payload: {},
    });
    expect(twice.statusCode).toBe(409);

    clockOffsetMs += 5 * 60 * minute;
    await service.sweepEscalations();
    expect(await inboxFor(regionGroupId, await regionMember(), event.id)).toHaveLength(0);
    await waitFor(() =>
      expect(
        published.filter((e) => e.type === 'alert.acknowledged.v1' && e.subject === alert!.alertId),
      ).toHaveLength(1),
    );

    const read = await service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/read`,
      headers: await districtMember(),
    });
    expect(read.json()).toMatchObject({ status: 'acknowledged', read: true });
  });

  it('the inbox filters by severity and status and pages by cursor', async () => {
    const headers = await districtMember();
    const critical = await inbox(districtGroupId, headers, '?severity=critical&limit=1');
    expect(critical.items).toHaveLength(1);
    expect(critical.nextCursor).not.toBeNull();
    const next = await inbox(
      districtGroupId,
      headers,
      `?severity=critical&limit=1&cursor=${critical.nextCursor}`,
    );
    expect(next.items).toHaveLength(1);
    expect(next.items[0]?.alertId).not.toBe(critical.items[0]?.alertId);
    const acknowledged = await inbox(districtGroupId, headers, '?status=acknowledged');
    expect(acknowledged.items.map((a) => a.severity)).toEqual(['medium']);
  });

  it('a member outside the group or its territory gets 404, never the alert', async () => {
    const [alert] = (await inbox(districtGroupId, await districtMember())).items;
    const stranger = await auth.headers({
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
      const response = await service.app.inject({ method: 'GET', url, headers: stranger });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const ack = await service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await regionMember(),
      payload: {},
    });
    expect(ack.statusCode).toBe(404);
  });

  it('bad input gets 400 problem+json and writes nothing', async () => {
    const [alert] = (await inbox(districtGroupId, await districtMember(), '?status=delivered')).items;
    const bad = await service.app.inject({
      method: 'POST',
      url: `/alerts/${alert!.alertId}/acknowledge`,
      headers: await districtMember(),
      payload: { note: 42 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const after = await service.app.inject({
      method: 'GET',
      url: `/alerts/${alert!.alertId}`,
      headers: await districtMember(),
    });
    expect(after.json()).toMatchObject({ status: 'delivered', acknowledgedBy: null });

    const rule = await service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: await admin(),
      payload: { minSeverity: 'urgent', targets: ['district'], enabled: true },
    });
    expect(rule.statusCode).toBe(400);
    const group = await service.app.inject({
      method: 'POST',
      url: '/groups',
      headers: await admin(),
      payload: { level: 'district', district: '999999999' },
    });
    expect(group.statusCode).toBe(400);
    const rules = await service.app.inject({ method: 'GET', url: '/rules', headers: await admin() });
    expect(rules.json().items.find((r: { id: string }) => r.id === 'critical-case')).toMatchObject({
      minSeverity: 'critical',
      version: 1,
    });
  });

  it('administrators edit a rule with If-Match; a stale version gets 412', async () => {
    const payload = { minSeverity: 'high', targets: ['district', 'region'], enabled: true };
    const ok = await service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: { ...(await admin()), 'if-match': '"1"' },
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: { ...(await admin()), 'if-match': '"1"' },
      payload,
    });
    expect(stale.statusCode).toBe(412);
    const member = await service.app.inject({
      method: 'PUT',
      url: '/rules/critical-case',
      headers: await districtMember(),
      payload,
    });
    expect(member.statusCode).toBe(404);
  });

  function otherEvent(type: string, subject: string, eventRegion: string, data: Record<string, unknown>) {
    return {
      specversion: '1.0',
      id: newEventId(),
      type,
      source: '/services/test',
      subject,
      time: new Date().toISOString(),
      correlationid: `corr-${subject}`,
      causationid: null,
      region: eventRegion,
      data,
    };
  }
  async function publishTo(family: 'monitoring' | 'mediators', event: { subject: string }) {
    await runtime.producer.send({
      topic: topicName(runtime.infra.topicPrefix, family),
      messages: [{ key: event.subject, value: JSON.stringify(event) }],
    });
  }

  it('a region’s risk band rising to high alerts the region group and the republican group; a falling band alerts nobody', async () => {
    const risk = (direction: 'rising' | 'falling', band: string, previousBand: string) =>
      otherEvent('region.risk-changed.v1', region, region, {
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
    await publishTo('monitoring', falling);
    await publishTo('monitoring', rising);
    await waitFor(async () =>
      expect(await inboxFor('grp-kz', await republicMember(), rising.id)).toHaveLength(1),
    );
    const [regional] = await inboxFor(regionGroupId, await regionMember(), rising.id);
    expect(regional).toMatchObject({ severity: 'high', escalationLevel: 0 });
    // Same key, same partition: the falling event was handled before the rising one.
    expect(await inboxFor(regionGroupId, await regionMember(), falling.id)).toHaveLength(0);
  });

  it('an expiring certification reaches the group of every region the mediator covers', async () => {
    const astana = '710000000';
    const registered = otherEvent('mediator.registered.v1', 'med-7', region, {
      mediatorId: 'med-7',
      userId: 'user-med-7',
      homeRegion: region,
      regions: [region, astana],
      languages: ['kk', 'ru'],
      specialisations: ['land_and_property'],
      status: 'active',
    });
    await publishTo('mediators', registered);
    const regions = nativeCollection<{ _id: string; regions: string[] }>(
      runtime.connection,
      'mediator_regions',
    );
    await waitFor(async () =>
      expect(await regions.findOne({ _id: 'med-7' })).toMatchObject({ regions: [region, astana] }),
    );
    const expiring = otherEvent('certification.expiring.v1', 'cert-7', region, {
      certificationId: 'cert-7',
      mediatorId: 'med-7',
      courseId: 'course-1',
      validUntil: '2026-12-01',
      daysLeft: 5,
    });
    await publishTo('mediators', expiring);
    await waitFor(async () =>
      expect(await inboxFor(`grp-${astana}`, await admin(), expiring.id)).toHaveLength(1),
    );
    const [home] = await inboxFor(regionGroupId, await admin(), expiring.id);
    expect(home).toMatchObject({ severity: 'high' });
  });

  it('when a case closes, its open alerts are resolved by the system in every group', async () => {
    const registered = published.find(
      (e) => e.type === 'alert.raised.v1' && e.data.sourceSubject === 'case-reg-1',
    );
    const sourceEventId = registered?.data.sourceEventId as string;
    const closed = otherEvent('case.closed.v1', 'case-reg-1', region, {
      caseId: 'case-reg-1',
      caseNumber: 'EM-2026-75-17',
      region,
      district,
      category: 'group_conflict',
      mediatorId: 'med-1',
      outcome: 'agreement',
      outcomeReached: true,
      sessionCount: 2,
      closedOn: '2026-03-02',
    });
    await runtime.producer.send({
      topic: topicName(runtime.infra.topicPrefix, 'cases'),
      messages: [{ key: closed.subject, value: JSON.stringify(closed) }],
    });
    for (const [groupId, headers] of [
      [districtGroupId, await districtMember()],
      [regionGroupId, await regionMember()],
      ['grp-kz', await republicMember()],
    ] as const) {
      await waitFor(async () =>
        expect(await inboxFor(groupId, headers, sourceEventId)).toEqual([
          expect.objectContaining({ status: 'resolved', resolution: 'source_closed' }),
        ]),
      );
    }
    await waitFor(() =>
      expect(
        published.filter((e) => e.type === 'alert.resolved.v1' && e.data.resolvedBy === null),
      ).toHaveLength(3),
    );
  });

  it('a late acknowledgement anywhere in the chain stops it from climbing further', async () => {
    const event = caseEvent('case.follow-up-due.v1', 'case-fu-2');
    await publish(event);
    const [first] = await waitFor(async () => {
      const found = await inboxFor(districtGroupId, await districtMember(), event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    clockOffsetMs += 5 * 60 * minute; // past the 4 hours of a medium alert
    await service.sweepEscalations();
    const [upstream] = await inboxFor(regionGroupId, await regionMember(), event.id);
    expect(upstream).toMatchObject({ escalationLevel: 1, chainId: first!.chainId });

    const ack = await service.app.inject({
      method: 'POST',
      url: `/alerts/${first!.alertId}/acknowledge`,
      headers: await districtMember(),
      payload: {},
    });
    expect(ack.statusCode).toBe(200);
    clockOffsetMs += 5 * 60 * minute;
    await service.sweepEscalations();
    expect(await inboxFor('grp-kz', await republicMember(), event.id)).toHaveLength(0);
  });
});

// One running notifications service for an integration test file, on the real broker and FerretDB:
// a seeded directory (Almaty city, with its Auezov district group) whose members have every
// channel, a local webhook receiver and SMTP server, a watcher of the published `alerts` events,
// a clock the test can move forward, and helpers to publish source events and read inboxes.
import type { AddressInfo } from 'node:net';
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { type EventFamily, topicName } from '@kelisim/contracts/topics';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import type { Logger } from '@kelisim/service-kit/log';
// The global setup declares what it provides to test files (vitest's ProvidedContext).
import type {} from '@kelisim/service-kit/testing/global-setup';
import type { TestKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { ensureRealmClient, ensureRealmUsers } from '@kelisim/service-kit/testing/keycloak-realm';
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { createTestAuth, type TestAuth } from '@kelisim/service-kit/testing/tokens';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { expect } from 'vitest';
import { defaultAckDeadlines } from '../domain/severity.ts';
import { buildService, type NotificationsService } from '../service.ts';
import { startSmtpServer, startWebhookReceiver } from './local-receivers.ts';

export const region = '750000000'; // Almaty (city)
export const district = '751310000'; // Auezov district
export const districtGroupId = `grp-${district}`;
export const regionGroupId = `grp-${region}`;
/** Standard Webhooks secrets (`whsec_` and base64 bytes), as members give them. */
export const districtSecret = 'whsec_ZGlzdHJpY3Qtd2ViaG9vay1zZWNyZXQtZm9yLXRlc3Rz';
export const minute = 60_000;

export type Alert = {
  alertId: string;
  groupId: string;
  status: string;
  severity: string;
  escalationLevel: number;
  chainId: string;
  read: boolean;
  sourceEventId: string;
};

/**
 * waitFor with room for a loaded machine: the broker and FerretDB are shared by several engineers'
 * test runs on two cores, and a consumer group's first rebalance alone can take seconds.
 */
export function eventually<T>(probe: () => Promise<T> | T): Promise<T> {
  return waitFor(probe, { timeoutMs: 60_000 });
}

export type PublishedEvent = { type: string; subject: string; data: Record<string, unknown> };
type Headers = Record<string, string>;

/**
 * `logger` replaces the runtime's for the service, e.g. to read every line a test causes;
 * `monitorCommands` lets a test record the queries the service sends (kit testing/query-plans.ts).
 */
export async function startServiceUnderTest(
  label: string,
  options: { logger?: Logger; monitorCommands?: boolean; keycloak?: TestKeycloak } = {},
) {
  // With Keycloak, members are the realm's users (the fixture's, with their e-mail addresses);
  // without, they are taken by id and nobody is e-mailed.
  const keycloakUrl = options.keycloak ? await fixtureRealm(options.keycloak) : undefined;
  const runtime: TestRuntime = await startTestRuntime(label, {
    monitorCommands: options.monitorCommands ?? false,
  });
  const auth: TestAuth = await createTestAuth();
  const webhooks = await startWebhookReceiver();
  const smtp = await startSmtpServer();
  let clockOffsetMs = 0;
  const published: PublishedEvent[] = [];
  const service: NotificationsService = await buildService({
    settings: {
      ACK_DEADLINES: defaultAckDeadlines,
      // The jobs run when a test calls them, at the time the test's clock says.
      ESCALATION_SWEEP_INTERVAL_MS: 3_600_000,
      DELIVERY_RETRY_INTERVAL_MS: 3_600_000,
      DELIVERY_RETRY_BASE_MS: 20,
      DELIVERY_MAX_ATTEMPTS: 3,
      WEBHOOK_TIMEOUT_MS: 2_000,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Kelisim <alerts@kelisim.test>',
      ...(keycloakUrl
        ? { KEYCLOAK_URL: keycloakUrl, KEYCLOAK_CLIENT_SECRET: notificationsClientSecret }
        : {}),
      CONSOLE_URL: 'http://127.0.0.1:4100',
    },
    connections: runtime.connections,
    logger: options.logger ?? runtime.logger,
    auth: auth.verifier,
    cipher: new FieldCipher(generateKeyRing()),
    clock: () => new Date(Date.now() + clockOffsetMs),
    consumerRetryBaseMs: 20,
  });
  await service.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  service.relay.start();
  // The live streams' feed, before the consumer, as `start` does.
  const broadcasts = await service.startBroadcasts();
  const consumer: RunningConsumer = await service.startConsumer();
  const watcher = runtime.kafka.consumer({ groupId: `${runtime.infra.topicPrefix}alerts-watch` });
  await watcher.connect();
  await watcher.subscribe({ topic: topicName(runtime.infra.topicPrefix, 'alerts'), fromBeginning: true });
  await watcher.run({
    eachMessage: async ({ message }) => {
      const parsed = parseEnvelope(JSON.parse(String(message.value)), { family: 'alerts' });
      if (!parsed.ok) return;
      const { type, subject, data } = parsed.event;
      published.push({ type, subject, data: data as Record<string, unknown> });
    },
  });

  const admin = () => auth.headers({ sub: 'admin-1', roles: ['admin'], regions: ['KZ'] });
  const districtMember = () => auth.headers({ sub: 'd-kk', roles: ['group_member'], regions: [region] });
  const regionMember = () => auth.headers({ sub: 'r-ru', roles: ['group_member'], regions: [region] });
  const republicMember = () => auth.headers({ sub: 'kz-1', roles: ['group_member'], regions: ['KZ'] });

  async function inbox(groupId: string, headers: Headers, query = '') {
    const response = await service.app.inject({
      method: 'GET',
      url: `/groups/${groupId}/alerts${query}`,
      headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Alert[]; nextCursor: string | null };
  }

  const inboxFor = async (groupId: string, headers: Headers, sourceEventId: string) =>
    (await inbox(groupId, headers, '?limit=100')).items.filter((a) => a.sourceEventId === sourceEventId);

  function anyEvent(type: string, subject: string, eventRegion: string, data: Record<string, unknown>) {
    return {
      specversion: '1.0' as const,
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

  /** A case event in the fixture's district, critical unless `data` says otherwise. */
  function caseEvent<
    T extends 'case.escalated.v1' | 'case.registered.v1' | 'case.screened.v1' | 'case.follow-up-due.v1',
  >(type: T, caseId: string, data: Partial<EventData<T>> = {}) {
    const base = {
      caseId,
      caseNumber: 'EM-2026-75-17',
      region,
      district,
      status: 'assigned',
      category: 'group_conflict',
      urgency: 'critical',
      riskFlags: ['violence_threatened'],
      // Level 1: the district group's (DESIGN.md §5).
      escalationLevel: 1,
      previousLevel: 0,
      reason: 'violence_threatened',
      mediatorId: 'med-1',
      escalatedBy: 'med-1',
      partyCount: 2,
      partyLanguages: ['kk', 'ru'],
      communityCodes: [],
      locality: null,
      registeredBy: 'med-1',
      screenedBy: 'med-1',
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

  async function publish(event: { subject: string }, family: EventFamily = 'cases') {
    await runtime.producer.send({
      topic: topicName(runtime.infra.topicPrefix, family),
      messages: [{ key: event.subject, value: JSON.stringify(event) }],
    });
  }

  const seed = await service.app.inject({
    method: 'POST',
    url: '/groups/seed',
    headers: await admin(),
    payload: { districts: [district] },
  });
  // The republic, the coordinators, 20 regions, their 20 supervisors' groups and the one district.
  expect(seed.json()).toMatchObject({ created: 43 });
  const setMembers = async (groupId: string, members: unknown[]) => {
    const response = await service.app.inject({
      method: 'PUT',
      url: `/groups/${groupId}`,
      headers: { ...(await admin()), 'if-match': '"1"' },
      payload: { names: { kk: groupId, ru: groupId }, members },
    });
    expect(response.statusCode).toBe(200);
  };
  await setMembers(districtGroupId, [
    {
      userId: 'd-kk',
      language: 'kk',
      email: true,
      webhook: { url: webhooks.url('/ok'), secret: districtSecret },
    },
  ]);
  await setMembers(regionGroupId, [
    {
      userId: 'r-ru',
      language: 'ru',
      email: true,
      webhook: { url: webhooks.url('/fail'), secret: 'whsec_cmVnaW9uLXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw==' },
    },
  ]);
  await setMembers('grp-kz', [{ userId: 'kz-1', language: 'ru' }]);

  return {
    runtime,
    auth,
    service,
    consumer,
    webhooks,
    smtp,
    baseUrl,
    published,
    advanceClock: (ms: number) => {
      clockOffsetMs += ms;
    },
    admin,
    districtMember,
    regionMember,
    republicMember,
    inbox,
    inboxFor,
    anyEvent,
    caseEvent,
    publish,
    close: async () => {
      await watcher.disconnect();
      await consumer.stop();
      await Promise.all(broadcasts.map((broadcast) => broadcast.stop()));
      await service.stop();
      await webhooks.close();
      await smtp.close();
      await runtime.close();
    },
  };
}

export type ServiceUnderTest = Awaited<ReturnType<typeof startServiceUnderTest>>;

const notificationsClientSecret = 'kelisim-notifications-dev-secret';

/** The fixture's members as users of the realm, with the addresses their e-mails go to. */
export const fixtureUsers = [
  { id: 'd-kk', username: 'notifications-test.d-kk', email: 'd-kk@example.test' },
  { id: 'r-ru', username: 'notifications-test.r-ru', email: 'r-ru@example.test' },
  { id: 'kz-1', username: 'notifications-test.kz-1', email: 'kz-1@example.test' },
] as const;

/** The running realm with the service's client and the fixture's users; its base URL. */
async function fixtureRealm(keycloak: TestKeycloak): Promise<string> {
  const base = keycloak.issuer.replace(/\/realms\/[^/]+$/, '');
  await ensureRealmClient(base, 'kelisim-notifications');
  await ensureRealmUsers(
    base,
    fixtureUsers.map((user) => ({ ...user })),
  );
  return base;
}

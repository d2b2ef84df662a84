// DESIGN.md §6, end to end: the four services as separate processes against the real broker and
// FerretDB, driven through their public HTTP APIs only. Job intervals and the critical
// acknowledgement deadline are short (environment), so that each flow completes in seconds.
// Where a flow needs days to pass (a due date, a certificate's end), the service whose job
// notices it is restarted with its clock moved forward: the APIs refuse dates in the past.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf } from '@kelisim/contracts/calendar';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import { repoRoot } from '@kelisim/launcher/service-process';
import { keycloakStartTimeoutMs, startKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { ensureRealmClient, ensureRealmUsers } from '@kelisim/service-kit/testing/keycloak-realm';
import { pdfPages, pdfText } from '@kelisim/service-kit/testing/pdf-readback';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, ApiClient } from './api-client.ts';
import { openLiveStream } from './live-stream-client.ts';
import { MailReceiver } from './mail-receiver.ts';
import {
  type Alert,
  admin,
  alertAbout,
  assign,
  caseAwaitingAssignment,
  certify,
  coordinator,
  coordinatorsGroup,
  expectRefusedForCertification,
  groupOf,
  inbox,
  mediatorIn,
  memberOf,
  registerCase,
  registerMediator,
  republic,
  supervisor,
} from './platform-actors.ts';
import { Platform } from './platform-harness.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

const day = 86_400_000;
const almaty = '750000000';
const astana = '710000000';
const shymkent = '790000000';
const karagandy = '350000000';

/** A mediator's account in the realm: notifications e-mails them at its address (flow 5). */
const mediatorAccount = {
  id: 'e2e-mediator-account',
  username: 'e2e.mediator',
  email: 'e2e.mediator@example.test',
};

function firstDistrict(region: string): string {
  const district = districtsOf(region)[0];
  if (!district) throw new Error(`no district in ${region}`);
  return district.kato;
}

const flow1 = { region: almaty, district: firstDistrict(almaty) };
const flow3 = { region: astana, district: firstDistrict(astana) };
const flow4 = { region: shymkent, district: firstDistrict(shymkent) };
const zhambyl = '310000000';
const flowPartners = { region: zhambyl, district: firstDistrict(zhambyl) };

/** Printed documents rendered as images (docs/screenshots/). */
const printedDir = join(repoRoot, 'docs', 'screenshots');
mkdirSync(printedDir, { recursive: true });

const slow = { timeoutMs: 60_000, intervalMs: 250 };
const flowTimeout = 150_000;
// Four services starting at once on a loaded two-core machine.
const startupTimeout = 240_000;

describe('the platform, end to end (DESIGN.md §6)', () => {
  let platform: Platform;
  let api: ApiClient;
  let webhook: WebhookReceiver;
  let mail: MailReceiver;

  beforeAll(async () => {
    // notifications looks group members up in the realm, and e-mails them at their accounts' addresses.
    const keycloak = await startKeycloak();
    const keycloakUrl = keycloak.issuer.replace(/\/realms\/[^/]+$/, '');
    await ensureRealmClient(keycloakUrl, 'kelisim-notifications');
    // Flow 1's district member takes alerts by webhook: a member of a group is a user of the realm.
    await ensureRealmUsers(keycloakUrl, [
      mediatorAccount,
      { id: memberOf(groupOf(flow1.district), flow1.region).sub, username: 'e2e.district-member' },
    ]);
    mail = await MailReceiver.start();
    platform = await Platform.start({
      env: {
        'mediator-training': { EXPIRY_SWEEP_INTERVAL_MS: '1000' },
        'regional-monitoring': { OVERDUE_SWEEP_SECONDS: '1' },
        notifications: {
          ACK_DEADLINES: 'critical=10s,high=30s',
          ESCALATION_SWEEP_INTERVAL_MS: '500',
          DELIVERY_RETRY_INTERVAL_MS: '500',
          KEYCLOAK_URL: keycloakUrl,
          KEYCLOAK_CLIENT_SECRET: 'kelisim-notifications-dev-secret',
          SMTP_URL: mail.url,
        },
      },
    });
    api = new ApiClient(platform);
    webhook = await WebhookReceiver.start();
    await api.ok('notifications', admin, 'POST', '/groups/seed', {
      districts: [flow1.district, flow4.district],
    });
  }, startupTimeout + keycloakStartTimeoutMs);

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(platform?.output() ?? 'no platform');
  });

  afterAll(async () => {
    await platform?.stop();
    await webhook?.stop();
    await mail?.stop();
  });

  it(
    'a critical case alerts its district and region groups, escalates to the republic when nobody acknowledges, and an acknowledgement stops the chain',
    async () => {
      const districtMember = memberOf(groupOf(flow1.district), flow1.region);
      const regionMember = memberOf(groupOf(flow1.region), flow1.region);
      const republicMember = memberOf(republic, 'KZ');
      const registered = 'case.registered.v1';

      // The district group's member also takes alerts on their own system, by signed webhook.
      const districtGroup = `/groups/${groupOf(flow1.district)}`;
      const group = await api.call('notifications', admin, 'GET', districtGroup);
      const updated = await api.call(
        'notifications',
        admin,
        'PUT',
        districtGroup,
        {
          names: group.json.names,
          members: [
            {
              userId: districtMember.sub,
              language: 'kk',
              webhook: { url: webhook.url, secret: webhook.secret },
            },
          ],
        },
        { 'if-match': group.etag ?? '' },
      );
      expect(updated.status, JSON.stringify(updated.json)).toBe(200);

      // A first critical case whose region group acknowledges in time: its chain stops there.
      const acknowledged = await registerCase(api, flow1, 'critical');
      const early = await waitFor(() =>
        alertAbout(api, groupOf(flow1.region), regionMember, registered, acknowledged.caseId),
      );
      const ack = await api.call(
        'notifications',
        regionMember,
        'POST',
        `/alerts/${early.alertId}/acknowledge`,
        {
          note: 'Выехали на место',
        },
      );
      expect(ack.status, JSON.stringify(ack.json)).toBe(200);

      // A second one nobody acknowledges.
      const ignored = await registerCase(api, flow1, 'critical');
      const [inDistrict, inRegion] = await waitFor(() =>
        Promise.all([
          alertAbout(api, groupOf(flow1.district), districtMember, registered, ignored.caseId),
          alertAbout(api, groupOf(flow1.region), regionMember, registered, ignored.caseId),
        ]),
      );
      expect(inDistrict.severity).toBe('critical');
      const delivered = await waitFor(() => {
        const found = webhook.received.find((w) => w.payload.alertId === inDistrict.alertId);
        if (!found) throw new Error('no webhook yet');
        return found;
      }, slow);
      expect(delivered.signatureValid).toBe(true);
      expect(delivered.payload).toMatchObject({ sourceSubject: ignored.caseId, language: 'kk' });
      expect(inRegion.escalationLevel).toBe(0);

      const atRepublic = await waitFor(
        () => alertAbout(api, republic, republicMember, registered, ignored.caseId),
        slow,
      );
      expect(atRepublic.escalationLevel).toBeGreaterThan(0);
      expect(atRepublic.message.ru.text).toContain('Передано вышестоящей группе');
      // The parent's alert is raised first, then the region's is marked escalated to it.
      await waitFor(async () => {
        const regionAfter = await alertAbout(
          api,
          groupOf(flow1.region),
          regionMember,
          registered,
          ignored.caseId,
        );
        expect(regionAfter.escalatedToAlertId).toBe(atRepublic.alertId);
      }, slow);

      // The first case's deadline passed before the second's: acknowledged, it never reached the republic.
      const republicInbox = await inbox(api, republic, republicMember);
      expect(republicInbox.filter((a) => a.sourceSubject === acknowledged.caseId)).toEqual([]);

      const stop = await api.call(
        'notifications',
        republicMember,
        'POST',
        `/alerts/${atRepublic.alertId}/acknowledge`,
        { note: null },
      );
      expect(stop.status, JSON.stringify(stop.json)).toBe(200);
      expect(stop.json.status).toBe('acknowledged');
      const again = await api.call(
        'notifications',
        republicMember,
        'POST',
        `/alerts/${atRepublic.alertId}/acknowledge`,
        {
          note: null,
        },
      );
      expect(again.status).toBe(409);
    },
    flowTimeout,
  );

  it(
    'an uncertified mediator cannot be assigned; once certified through mediator-training, the same assignment succeeds, and the agreement reached is printed with their name',
    async () => {
      const mediatorId = await registerMediator(api, 'e2e-mediator-flow2', almaty);
      const caseId = await caseAwaitingAssignment(api, flow1);

      // case-intake learns of the mediator from the bus; until certified, the guard refuses.
      await waitFor(
        async () => expectRefusedForCertification(await assign(api, almaty, caseId, mediatorId)),
        slow,
      );

      await certify(api, mediatorId, 12);
      await waitFor(async () => {
        const assigned = await assign(api, almaty, caseId, mediatorId);
        expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
        expect(assigned.json.status).toBe('assigned');
      });

      // The agreement reached is printed with the mediator's name, which only mediator-training
      // keeps: case-intake asks it with the printing mediator's own token.
      const registrar = mediatorIn(almaty);
      const today = dayOf(new Date());
      await api.ok('case-intake', registrar, 'POST', `/cases/${caseId}/record-session`, {
        kind: 'joint',
        heldOn: today,
        durationMinutes: 60,
      });
      await api.ok('case-intake', registrar, 'POST', `/cases/${caseId}/record-outcome`, {
        outcome: 'agreement',
        agreement: 'Тараптар ортақ ауланы кезекпен пайдалануға келісті.',
      });
      // «Медиатор» in both languages.
      for (const lang of ['kk', 'ru']) {
        const printed = await api.download(
          'case-intake',
          registrar,
          `/cases/${caseId}/documents/agreement?lang=${lang}`,
        );
        expect(printed.status).toBe(200);
        expect(printed.type).toBe('application/pdf');
        const text = (await pdfText(printed.bytes)).replace(/\s+/g, ' ');
        expect(text).toContain('Медиатор: Дана Оспанова');
        expect(text).not.toContain(mediatorId);
        // Its first page as a person sees it printed, for the record of what the platform prints.
        const [page] = await pdfPages(printed.bytes, 60);
        if (page) writeFileSync(join(printedDir, `agreement-${lang}.png`), page);
      }
    },
    flowTimeout,
  );

  it(
    "a partner registered in mediator-training is a case's referral, a session's venue and participants, and a visit's partner met; an unknown or out-of-region partner is refused naming the field",
    async () => {
      const registerPartner = async (body: Record<string, unknown>) =>
        String((await api.ok('mediator-training', coordinator, 'POST', '/partners', body)).partnerId);
      const house = await registerPartner({
        kind: 'house_of_friendship',
        names: {
          kk: 'Жамбыл облысы Қазақстан халқы Ассамблеясының Достық үйі',
          ru: 'Дом дружбы Жамбылской области',
        },
        region: flowPartners.region,
        contactPerson: { name: 'Бақыт Омарова', position: 'директор', phone: '+7 701 000 00 01' },
      });
      const elders = await registerPartner({
        kind: 'council_of_elders',
        names: { kk: 'Ақсақалдар кеңесі', ru: 'Совет старейшин' },
        region: flowPartners.region,
        district: flowPartners.district,
      });
      const elsewhere = await registerPartner({
        kind: 'council_of_mothers',
        names: { kk: 'Аналар кеңесі', ru: 'Совет матерей' },
        region: almaty,
      });
      const registrar = mediatorIn(flowPartners.region);

      // case-intake learns of the partners from the bus: a referral names one of its region.
      const referred = await registerCase(api, flowPartners, 'medium');
      await api.ok('case-intake', registrar, 'POST', `/cases/${referred.caseId}/screen`, {});
      const referOut = (partnerId: string, language = 'en') =>
        api.call(
          'case-intake',
          registrar,
          'POST',
          `/cases/${referred.caseId}/refer-out`,
          { reason: 'other_competence', referredTo: 'partner', partnerId },
          { 'accept-language': language },
        );
      await waitFor(async () => {
        const outside = await referOut(elsewhere, 'ru');
        expect(outside.status, JSON.stringify(outside.json)).toBe(422);
        expect(outside.json).toMatchObject({ code: 'partner.out_of_territory', field: 'partnerId' });
      }, slow);
      const unknown = await referOut('e2e-partner-nobody', 'kk');
      expect(unknown.status).toBe(422);
      expect(unknown.json).toMatchObject({ code: 'partner.unknown', field: 'partnerId' });
      expect(String(unknown.json.detail)).toContain('анықтамалықта жоқ');
      const accepted = await waitFor(async () => {
        const answer = await referOut(elders);
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        return answer.json;
      }, slow);
      expect(accepted).toMatchObject({ status: 'referred_out', referralPartnerId: elders });

      // A session held at the House of Friendship, two elders taking part.
      const mediatorId = await registerMediator(api, 'e2e-mediator-partners', flowPartners.region);
      await certify(api, mediatorId, 12);
      const caseId = await caseAwaitingAssignment(api, flowPartners);
      await waitFor(async () => {
        const assigned = await assign(api, flowPartners.region, caseId, mediatorId);
        expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
      }, slow);
      const today = dayOf(new Date());
      const session = {
        kind: 'joint',
        heldOn: today,
        durationMinutes: 90,
        venuePartnerId: house,
        partnerParticipants: [{ partnerId: elders, count: 2 }],
      };
      const refusedVenue = await api.call(
        'case-intake',
        registrar,
        'POST',
        `/cases/${caseId}/record-session`,
        {
          ...session,
          venuePartnerId: 'e2e-partner-nobody',
        },
      );
      expect(refusedVenue.status).toBe(422);
      expect(refusedVenue.json).toMatchObject({ code: 'partner.unknown', field: 'venuePartnerId' });
      const held = await api.ok('case-intake', registrar, 'POST', `/cases/${caseId}/record-session`, session);
      expect((held.sessions as Record<string, unknown>[]).at(-1)).toMatchObject({
        venuePartnerId: house,
        partnerParticipants: [{ partnerId: elders, count: 2 }],
      });

      // regional-monitoring keeps its own read model: a visit records the partners it met.
      const lead = supervisor('e2e-supervisor-partners', flowPartners.region);
      const visit = await api.ok('regional-monitoring', lead, 'POST', '/visits', {
        region: flowPartners.region,
        districts: [flowPartners.district],
        plannedFrom: today,
        plannedTo: today,
        team: [lead.sub],
      });
      const visitPath = `/visits/${String(visit.id)}`;
      await api.ok('regional-monitoring', lead, 'POST', `${visitPath}/start`);
      const submit = (partnersMet: string[]) =>
        api.call(
          'regional-monitoring',
          lead,
          'POST',
          `${visitPath}/submit`,
          {
            visitedFrom: today,
            visitedTo: today,
            findings: [{ indicator: 'incidents_reported', score: 1 }],
            partnersMet,
          },
          { 'accept-language': 'ru' },
        );
      await waitFor(async () => {
        const outside = await submit([house, elsewhere]);
        expect(outside.status, JSON.stringify(outside.json)).toBe(422);
        expect(outside.json).toMatchObject({ code: 'partner.out_of_territory', field: 'partnersMet.1' });
      }, slow);
      const nobody = await submit(['e2e-partner-nobody']);
      expect(nobody.json).toMatchObject({ code: 'partner.unknown', field: 'partnersMet.0' });
      expect(String(nobody.json.detail)).toContain('нет в справочнике');
      const submitted = await waitFor(async () => {
        const answer = await submit([house, elders]);
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        return answer.json;
      }, slow);
      expect(submitted.partnersMet).toEqual([house, elders]);
    },
    flowTimeout,
  );

  it(
    "escalated cases and a visit's poor findings raise the region's risk band and alert its group and the republic with the reasons",
    async () => {
      const regionMember = memberOf(groupOf(flow3.region), flow3.region);
      const republicMember = memberOf(republic, 'KZ');
      const reader = supervisor('e2e-supervisor-lead', flow3.region);

      for (let i = 0; i < 4; i += 1) {
        const { caseId } = await registerCase(api, flow3, 'high');
        await api.ok('case-intake', admin, 'POST', `/cases/${caseId}/escalate`, {
          level: 2,
          reason: 'group_involvement',
        });
      }
      await waitFor(async () => {
        const risk = await api.ok('regional-monitoring', reader, 'GET', `/regions/${flow3.region}/risk`);
        expect(risk.band).toBe('elevated');
      }, slow);

      // A monitoring visit finds tension on every indicator, and another supervisor approves it.
      const indicators = (await api.ok('regional-monitoring', reader, 'GET', '/indicators')).items as {
        code: string;
        direction: 'escalating' | 'calming';
        active: boolean;
      }[];
      const today = dayOf(new Date());
      const visit = await api.ok('regional-monitoring', reader, 'POST', '/visits', {
        region: flow3.region,
        districts: [flow3.district],
        plannedFrom: today,
        plannedTo: today,
        team: [reader.sub],
      });
      const visitPath = `/visits/${String(visit.id)}`;
      await api.ok('regional-monitoring', reader, 'POST', `${visitPath}/start`);
      await api.ok('regional-monitoring', reader, 'POST', `${visitPath}/submit`, {
        visitedFrom: today,
        visitedTo: today,
        findings: indicators
          .filter((i) => i.active !== false)
          .map((i) => ({ indicator: i.code, score: i.direction === 'escalating' ? 4 : 0 })),
      });
      await api.ok(
        'regional-monitoring',
        supervisor('e2e-supervisor-reviewer', flow3.region),
        'POST',
        `${visitPath}/review`,
        {
          decision: 'approved',
        },
      );

      const risen = await waitFor(async () => {
        const risk = await api.ok('regional-monitoring', reader, 'GET', `/regions/${flow3.region}/risk`);
        expect(['high', 'critical']).toContain(risk.band);
        return risk;
      }, slow);

      const riskChanged = 'region.risk-changed.v1';
      const [toRegion, toRepublic] = await waitFor(async () => {
        const region = (await inbox(api, groupOf(flow3.region), regionMember)).find(
          (a) => a.sourceType === riskChanged && a.details.band === risen.band,
        );
        const atRepublic = (await inbox(api, republic, republicMember)).find(
          (a) =>
            a.sourceType === riskChanged && a.details.band === risen.band && a.sourceSubject === flow3.region,
        );
        if (!region || !atRepublic) throw new Error('no risk alert yet');
        return [region, atRepublic];
      }, slow);
      expect(toRegion.details.previousBand).toBe('elevated');
      expect(String(toRegion.details.drivers)).toContain('visit_findings');
      expect(toRegion.message.ru.subject).toContain('Уровень риска региона повысился');
      expect(toRepublic.details.drivers).toBe(toRegion.details.drivers);
      // And the region's supervisors, in an inbox of their own, read with the supervisor's token.
      const toSupervisors = await waitFor(
        () => alertAbout(api, `grp-supervisors-${flow3.region}`, reader, riskChanged, flow3.region),
        slow,
      );
      expect(toSupervisors.details.band).toBe(risen.band);
    },
    flowTimeout,
  );

  it(
    'a recommendation past its due date alerts its owner group',
    async () => {
      const lead = supervisor('e2e-supervisor-flow4', flow4.region);
      const ownerGroup = groupOf(flow4.district);
      // Today in Kazakhstan: the visit's days, and the earliest due date the API accepts.
      const today = dayOf(new Date());
      const visit = await api.ok('regional-monitoring', lead, 'POST', '/visits', {
        region: flow4.region,
        districts: [flow4.district],
        plannedFrom: today,
        plannedTo: today,
        team: [lead.sub],
      });
      const visitPath = `/visits/${String(visit.id)}`;
      const [indicator] = (await api.ok('regional-monitoring', lead, 'GET', '/indicators')).items as {
        code: string;
      }[];
      await api.ok('regional-monitoring', lead, 'POST', `${visitPath}/start`);
      await api.ok('regional-monitoring', lead, 'POST', `${visitPath}/submit`, {
        visitedFrom: today,
        visitedTo: today,
        findings: [{ indicator: indicator?.code, score: 2 }],
      });
      // Recommendations come from approved findings: another supervisor approves the visit first.
      await api.ok(
        'regional-monitoring',
        supervisor('e2e-supervisor-reviewer-flow4', flow4.region),
        'POST',
        `${visitPath}/review`,
        {
          decision: 'approved',
        },
      );
      const recommendation = await api.ok(
        'regional-monitoring',
        lead,
        'POST',
        `${visitPath}/recommendations`,
        {
          district: flow4.district,
          ownerGroupId: ownerGroup,
          dueDate: today,
          priority: 'high',
          text: 'Провести встречу с жителями и акиматом по спорным участкам.',
        },
      );

      // Two days on, the overdue sweep of regional-monitoring finds it past due.
      await platform.restart('regional-monitoring', { clockOffsetMs: 2 * day });
      const alert = await waitFor(
        () =>
          alertAbout(
            api,
            ownerGroup,
            memberOf(ownerGroup, flow4.region),
            'recommendation.overdue.v1',
            String(recommendation.id),
          ),
        slow,
      );
      expect(alert.severity).toBe('high');
      expect(alert.message.ru.subject).toContain('Рекомендация просрочена');
    },
    flowTimeout,
  );

  // Before flow 5, which moves mediator-training's clock past the tokens' lifetime.
  it(
    "a certificate nearing its end reaches the mediator's mailbox and own inbox, and the coordinators' inbox without the group-member role",
    async () => {
      const mediatorId = await registerMediator(api, mediatorAccount.id, almaty);
      await certify(api, mediatorId, 1);
      const mediator: Actor = { sub: mediatorAccount.id, roles: ['mediator'], regions: [almaty] };

      // The mediator's own inbox, read with their own token.
      const own = await waitFor(async () => {
        const page = await api.ok('notifications', mediator, 'GET', '/alerts?limit=100');
        const found = (page.items as Alert[]).find(
          (a) => a.sourceType === 'certification.expiring.v1' && a.details.mediatorId === mediatorId,
        );
        if (!found) throw new Error('no notice in the mediator inbox yet');
        return found;
      }, slow);
      expect(own.groupId).toBe(`grp-mediator-${mediatorId}`);

      // E-mail at the address on the mediator's Keycloak account, on the local SMTP server.
      const letter = await waitFor(() => {
        const found = mail.mails.find((m) => m.to.includes(mediatorAccount.email));
        if (!found) throw new Error('no e-mail yet');
        return found;
      }, slow);
      expect(letter.raw).toMatch(/Content-Language: (kk|ru)/i);

      // The coordinators: a coordinator's token, no group-member role and no groups claim.
      expect(coordinator.roles).toEqual(['coordinator']);
      const notice = await waitFor(
        () => alertAbout(api, coordinatorsGroup, coordinator, 'certification.expiring.v1', own.sourceSubject),
        slow,
      );
      expect(notice.details.mediatorId).toBe(mediatorId);
      // Nobody else's mediator reads it.
      const stranger: Actor = { sub: 'e2e-another-mediator', roles: ['mediator'], regions: [almaty] };
      const hidden = await api.call('notifications', stranger, 'GET', `/groups/${own.groupId}/alerts`);
      expect(hidden.status).toBe(404);
    },
    flowTimeout,
  );

  it(
    'a certificate near its end is announced, and once expired the mediator is no longer eligible for new assignments',
    async () => {
      const mediatorId = await registerMediator(api, 'e2e-mediator-flow5', almaty);
      const regionMember = memberOf(groupOf(almaty), almaty);
      // One month of validity: under the 60-day notice from the day it is issued.
      await certify(api, mediatorId, 1);
      const notice = await waitFor(async () => {
        const found = (await inbox(api, groupOf(almaty), regionMember)).find(
          (a) => a.sourceType === 'certification.expiring.v1' && a.details.mediatorId === mediatorId,
        );
        if (!found) throw new Error('no expiry notice yet');
        return found;
      }, slow);
      expect(Number(notice.details.daysLeft)).toBeLessThanOrEqual(31);
      const coordinators = coordinator;
      await waitFor(
        () =>
          alertAbout(api, coordinatorsGroup, coordinators, 'certification.expiring.v1', notice.sourceSubject),
        slow,
      );

      // Still valid: assignable.
      const first = await caseAwaitingAssignment(api, flow1);
      await waitFor(async () => {
        const assigned = await assign(api, almaty, first, mediatorId);
        expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
      });

      // Forty days on, mediator-training's sweep expires it; case-intake hears and refuses.
      await platform.restart('mediator-training', { clockOffsetMs: 40 * day });
      const second = await caseAwaitingAssignment(api, flow1);
      await waitFor(
        async () => expectRefusedForCertification(await assign(api, almaty, second, mediatorId)),
        slow,
      );
      // The expiry itself is announced to the same groups, so that someone reassigns the cases.
      for (const [groupId, member] of [
        [groupOf(almaty), regionMember],
        [coordinatorsGroup, coordinators],
      ] as const) {
        const expired = await waitFor(
          () => alertAbout(api, groupId, member, 'certification.expired.v1', notice.sourceSubject),
          slow,
        );
        expect(expired.details.mediatorId).toBe(mediatorId);
      }
    },
    flowTimeout,
  );

  it(
    'a member connected to one notifications instance hears of changes made through another: raised, acknowledged, resolved',
    async () => {
      const where = { region: karagandy, district: firstDistrict(karagandy) };
      const group = groupOf(where.region);
      const member = memberOf(group, where.region);
      const token = await platform.auth.mint({ expiresIn: '1h', ...member });
      const streamPath = `/groups/${group}/alerts/stream`;
      // A second notifications process on the same database and topics: A is the platform's own.
      const b = await platform.startReplica('notifications');
      const onA = await openLiveStream(`${platform.url('notifications')}${streamPath}`, token);
      const onB = await openLiveStream(`${b.url}${streamPath}`, token);
      const heard = (stream: typeof onA, event: string, alertId: string) =>
        waitFor(
          () =>
            expect(stream.frames.find((f) => f.event === event && f.data.alertId === alertId)).toBeDefined(),
          slow,
        );
      try {
        const { caseId } = await registerCase(api, where, 'critical');
        // Raised by whichever instance's consumer took the registration: both streams hear of it.
        const alert = await waitFor(() => alertAbout(api, group, member, 'case.registered.v1', caseId), slow);
        await heard(onA, 'alert.raised', alert.alertId);
        await heard(onB, 'alert.raised', alert.alertId);
        expect(onA.frames.find((f) => f.data.alertId === alert.alertId)?.data).toMatchObject({
          groupId: group,
          severity: 'critical',
          change: 'raised',
          sourceSubject: caseId,
        });

        // Acknowledged through B: A has only the broker to learn it from.
        const acknowledged = await fetch(`${b.url}/alerts/${alert.alertId}/acknowledge`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ note: 'on our way' }),
        });
        expect(acknowledged.status, await acknowledged.text()).toBe(200);
        await heard(onA, 'alert.acknowledged', alert.alertId);

        // And resolved through A, heard on B.
        await api.ok('notifications', member, 'POST', `/alerts/${alert.alertId}/resolve`, {
          resolution: 'handled',
        });
        await heard(onB, 'alert.resolved', alert.alertId);
      } finally {
        onA.close();
        onB.close();
        await b.stop();
      }
    },
    flowTimeout,
  );

  // Issue 23: one open alert per matter and group, routed by the case's escalation level, resolved
  // when the case ends.
  type WithTimeline = Alert & {
    matter: { kind: string; id: string };
    timeline: { what: string; sourceType: string; escalationLevel: number; code: string | null }[];
  };
  const escalate = (caseId: string, level: number) =>
    api.ok('case-intake', admin, 'POST', `/cases/${caseId}/escalate`, { level, reason: 'group_involvement' });
  const aboutCase = async (groupId: string, member: ReturnType<typeof memberOf>, caseId: string) =>
    (await inbox(api, groupId, member)).filter((a) => a.sourceSubject === caseId) as WithTimeline[];

  it(
    'a low-urgency case escalated to level 1 then 2 leaves the district group one alert, at level 2 in its timeline; acknowledging it stops its escalation',
    async () => {
      const districtMember = memberOf(groupOf(flow1.district), flow1.region);
      const regionMember = memberOf(groupOf(flow1.region), flow1.region);
      const { caseId } = await registerCase(api, flow1, 'low');
      await escalate(caseId, 1);
      await waitFor(
        async () => expect(await aboutCase(groupOf(flow1.district), districtMember, caseId)).toHaveLength(1),
        slow,
      );
      await escalate(caseId, 2);
      // Level 2 is the regional group's; the district's alert hears of it, and stays one alert.
      await waitFor(
        async () => expect(await aboutCase(groupOf(flow1.region), regionMember, caseId)).toHaveLength(1),
        slow,
      );
      const [district] = await waitFor(async () => {
        const found = await aboutCase(groupOf(flow1.district), districtMember, caseId);
        expect(found).toHaveLength(1);
        expect(found[0]?.timeline.map((e) => e.escalationLevel)).toEqual([1, 2]);
        return found;
      }, slow);
      expect(district).toMatchObject({ matter: { kind: 'case', id: caseId }, severity: 'high' });
      const ack = await api.call(
        'notifications',
        districtMember,
        'POST',
        `/alerts/${district!.alertId}/acknowledge`,
        {
          note: null,
        },
      );
      expect(ack.status, JSON.stringify(ack.json)).toBe(200);
      // Past the high deadline (30 s here) and a few sweeps: acknowledged, it never escalated.
      await new Promise((resolve) => setTimeout(resolve, 35_000));
      const [after] = await aboutCase(groupOf(flow1.district), districtMember, caseId);
      expect(after).toMatchObject({ status: 'acknowledged', escalatedToAlertId: null });
      const [region] = await aboutCase(groupOf(flow1.region), regionMember, caseId);
      expect(region?.timeline.filter((e) => e.what === 'escalated_in')).toEqual([]);
    },
    flowTimeout,
  );

  it(
    'a case declined after its escalation leaves no open alert in any group',
    async () => {
      const districtMember = memberOf(groupOf(flow1.district), flow1.region);
      const regionMember = memberOf(groupOf(flow1.region), flow1.region);
      const republicMember = memberOf(republic, 'KZ');
      const { caseId } = await registerCase(api, flow1, 'critical');
      await api.ok('case-intake', mediatorIn(flow1.region), 'POST', `/cases/${caseId}/screen`, {});
      await escalate(caseId, 1);
      await waitFor(
        async () => expect(await aboutCase(groupOf(flow1.region), regionMember, caseId)).toHaveLength(1),
        slow,
      );
      await api.ok('case-intake', mediatorIn(flow1.region), 'POST', `/cases/${caseId}/decline`, {
        reason: 'not_interethnic',
      });
      const groups = [
        [groupOf(flow1.district), districtMember],
        [groupOf(flow1.region), regionMember],
        [republic, republicMember],
      ] as const;
      await waitFor(async () => {
        for (const [groupId, member] of groups) {
          for (const alert of await aboutCase(groupId, member, caseId)) {
            expect(alert).toMatchObject({ status: 'resolved', resolution: 'case_declined' });
          }
        }
      }, slow);
    },
    flowTimeout,
  );

  it(
    'a case escalated to level 3 reaches the republican group',
    async () => {
      const republicMember = memberOf(republic, 'KZ');
      const { caseId } = await registerCase(api, flow4, 'medium');
      await escalate(caseId, 3);
      const [alert] = await waitFor(async () => {
        const found = await aboutCase(republic, republicMember, caseId);
        expect(found).toHaveLength(1);
        return found;
      }, slow);
      expect(alert?.timeline[0]).toMatchObject({
        what: 'raised',
        sourceType: 'case.escalated.v1',
        escalationLevel: 3,
      });
    },
    flowTimeout,
  );
});

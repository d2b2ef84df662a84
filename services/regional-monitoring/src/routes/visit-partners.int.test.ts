// Partners of the Assembly's network in monitoring (issue 27): the directory's events (published
// here by the test on the real broker, as mediator-training publishes them) feed the read model a
// visit's partners met and a recommendation's owner partner are checked against; an unknown or
// out-of-region partner is a 422 naming the field, in the caller's language.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type EventData, type KnownEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';

const almaty = '750000000';
const almaly = '751110000';
const astana = '710000000';
const house = 'rm-partner-house';
const elders = 'rm-partner-elders';
const elsewhere = 'rm-partner-astana';
const closed = 'rm-partner-closed';

let h: ServiceUnderTest;
let supervisor: Record<string, string>;
let reviewer: Record<string, string>;
let member: Record<string, string>;

async function publishPartner(
  type: 'partner.registered.v1' | 'partner.updated.v1',
  data: EventData<'partner.registered.v1'>,
) {
  const event = buildEvent(type, data, {
    id: newEventId(),
    source: '/services/mediator-training',
    subject: data.partnerId,
    time: new Date().toISOString(),
    correlationid: newEventId(),
    region: data.region,
  });
  await h.runtime.producer.send({
    topic: topicName(h.runtime.infra.topicPrefix, 'mediators'),
    messages: [toKafkaMessage(event)],
  });
}

async function startedVisit(): Promise<string> {
  const planned = await h.app.inject({
    method: 'POST',
    url: '/visits',
    headers: supervisor,
    payload: {
      region: almaty,
      districts: [almaly],
      plannedFrom: '2030-06-02',
      plannedTo: '2030-06-03',
      team: ['member-p'],
    },
  });
  expect(planned.statusCode, planned.body).toBe(201);
  const id = planned.json().id as string;
  const started = await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers: member });
  expect(started.statusCode, started.body).toBe(200);
  return id;
}

const submit = (id: string, partnersMet: string[], language = 'en') =>
  h.app.inject({
    method: 'POST',
    url: `/visits/${id}/submit`,
    headers: { ...member, 'accept-language': language },
    payload: {
      visitedFrom: '2030-06-02',
      visitedTo: '2030-06-03',
      findings: [{ indicator: 'incidents_reported', score: 3 }],
      partnersMet,
    },
  });

beforeAll(async () => {
  h = await startServiceUnderTest('rm-partners');
  supervisor = await h.auth.headers({ sub: 'sup-p', roles: ['supervisor'], regions: [almaty] });
  reviewer = await h.auth.headers({ sub: 'sup-p-review', roles: ['supervisor'], regions: [almaty] });
  member = await h.auth.headers({
    sub: 'member-p',
    roles: ['group_member'],
    regions: [almaty],
    groups: ['grp-75'],
  });
  const base = { district: null, communities: [], status: 'active' as const };
  await publishPartner('partner.registered.v1', {
    ...base,
    partnerId: house,
    kind: 'house_of_friendship',
    region: almaty,
  });
  await publishPartner('partner.registered.v1', {
    ...base,
    partnerId: elders,
    kind: 'council_of_elders',
    region: almaty,
    district: almaly,
  });
  await publishPartner('partner.registered.v1', {
    ...base,
    partnerId: elsewhere,
    kind: 'council_of_mothers',
    region: astana,
  });
  await publishPartner('partner.registered.v1', {
    ...base,
    partnerId: closed,
    kind: 'other',
    region: almaty,
  });
  await publishPartner('partner.updated.v1', {
    ...base,
    partnerId: closed,
    kind: 'other',
    region: almaty,
    status: 'inactive',
  });
  await waitFor(async () => {
    expect((await h.stores.partners.find([house, elders, elsewhere])).size).toBe(3);
    expect((await h.stores.partners.find([closed])).get(closed)?.status).toBe('inactive');
  });
});
afterAll(async () => {
  await h?.close();
});

describe('partners met on a visit', () => {
  it('a submitted visit records the partners met, once each, and reads them back', async () => {
    const id = await startedVisit();
    const submitted = await submit(id, [house, elders, house]);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().partnersMet).toEqual([house, elders]);
    const read = await h.app.inject({ method: 'GET', url: `/visits/${id}`, headers: supervisor });
    expect(read.json().partnersMet).toEqual([house, elders]);
  });

  it('an unknown or no longer active partner is refused naming the field, in kk, ru and en', async () => {
    const id = await startedVisit();
    const unknown = await submit(id, [house, 'rm-partner-nobody']);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'partner.unknown', field: 'partnersMet.1' });
    expect(unknown.json().detail).toContain('partnersMet.1');
    const kk = await submit(id, ['rm-partner-nobody'], 'kk');
    expect(kk.json().detail).toBe('partnersMet.0: мұндай белсенді серіктес ұйым анықтамалықта жоқ.');
    const ru = await submit(id, [closed], 'ru');
    expect(ru.json()).toMatchObject({ code: 'partner.unknown', field: 'partnersMet.0' });
    expect(ru.json().detail).toBe('partnersMet.0: такой действующей организации-партнёра нет в справочнике.');
    // Nothing was recorded: the visit is still in progress.
    const read = await h.app.inject({ method: 'GET', url: `/visits/${id}`, headers: supervisor });
    expect(read.json()).toMatchObject({ status: 'in_progress', partnersMet: [] });
  });

  it("a partner of another region than the visit's is refused as out of territory", async () => {
    const id = await startedVisit();
    const refused = await submit(id, [elsewhere], 'ru');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'partner.out_of_territory', field: 'partnersMet.0' });
    expect(refused.json().detail).toBe('partnersMet.0: организация-партнёр работает не в регионе выезда.');
  });

  it('a malformed partner id is refused at the edge', async () => {
    const id = await startedVisit();
    const refused = await submit(id, ['not an id!']);
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('partnersMet');
  });
});

describe('a recommendation owned by a partner', () => {
  it('is issued with a group and a partner of the region as owners; another region is refused', async () => {
    const id = await startedVisit();
    expect((await submit(id, [house])).statusCode).toBe(200);
    const approved = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/review`,
      headers: reviewer,
      payload: { decision: 'approved' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const issue = (ownerPartnerId: string | null, language = 'en') =>
      h.app.inject({
        method: 'POST',
        url: `/visits/${id}/recommendations`,
        headers: { ...supervisor, 'accept-language': language },
        payload: {
          ownerGroupId: 'grp-75',
          ownerPartnerId,
          dueDate: '2030-09-01',
          text: 'Hold a reconciliation evening at the House of Friendship',
        },
      });
    const owned = await issue(house);
    expect(owned.statusCode, owned.body).toBe(201);
    expect(owned.json()).toMatchObject({ status: 'open', ownerGroupId: 'grp-75', ownerPartnerId: house });
    const groupOnly = await issue(null);
    expect(groupOnly.json()).toMatchObject({ ownerPartnerId: null });

    const outside = await issue(elsewhere, 'kk');
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'partner.out_of_territory', field: 'ownerPartnerId' });
    expect(outside.json().detail).toBe('ownerPartnerId: серіктес ұйым сапар өңірінде жұмыс істемейді.');
    const unknown = await issue('rm-partner-nobody');
    expect(unknown.json()).toMatchObject({ code: 'partner.unknown', field: 'ownerPartnerId' });
  });

  it("a draft's owner partner is changed only to a known partner of the region", async () => {
    const id = await startedVisit();
    expect((await submit(id, [])).statusCode).toBe(200);
    const draft = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/recommendations`,
      headers: supervisor,
      payload: { ownerGroupId: 'grp-75', dueDate: '2030-09-01', text: 'Invite the council of elders' },
    });
    expect(draft.json()).toMatchObject({ status: 'draft', ownerPartnerId: null });
    const edit = (ownerPartnerId: string | null) =>
      h.app.inject({
        method: 'PATCH',
        url: `/recommendations/${draft.json().id}`,
        headers: supervisor,
        payload: { ownerPartnerId },
      });
    const refused = await edit(elsewhere);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'partner.out_of_territory', field: 'ownerPartnerId' });
    const changed = await edit(elders);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ ownerPartnerId: elders });
  });
});

describe('statistics of partners (small-count rule, docs/adr/0011)', () => {
  async function publishCaseEvent(event: KnownEvent) {
    await h.runtime.producer.send({
      topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
      messages: [toKafkaMessage(event)],
    });
  }
  const meta = (caseId: string) => ({
    id: newEventId(),
    source: '/services/case-intake',
    subject: caseId,
    time: new Date().toISOString(),
    correlationid: newEventId(),
    region: almaty,
  });
  const ref = (n: number, status: 'referred_out' | 'in_mediation') => ({
    caseId: `rm-stat-case-${n}`,
    caseNumber: `EM-2026-75-${9000 + n}`,
    region: almaty,
    district: almaly,
    status,
  });

  it('counts cases referred by partner kind, sessions by venue kind and visits by kind of partner met', async () => {
    for (let n = 1; n <= 8; n += 1) {
      const data = {
        ...ref(n, 'referred_out'),
        category: 'neighbourhood' as const,
        reason: 'other_competence',
        referredTo: 'partner',
        referredBy: 'med-stat',
        partnerId: n <= 6 ? elders : house,
        partnerKind: n <= 6 ? ('council_of_elders' as const) : ('house_of_friendship' as const),
      };
      await publishCaseEvent(buildEvent('case.referred-out.v1', data, meta(data.caseId)));
    }
    for (let n = 11; n <= 16; n += 1) {
      const data = {
        ...ref(n, 'in_mediation'),
        mediatorId: 'med-stat',
        sessionId: `rm-stat-session-${n}`,
        sessionNumber: 1,
        kind: 'joint' as const,
        heldOn: '2030-06-02',
        durationMinutes: 60,
        attendeeCount: 3,
        venuePartnerId: house,
        venueKind: 'house_of_friendship' as const,
      };
      const event = buildEvent('case.session-held.v1', data, meta(data.caseId));
      await publishCaseEvent(event);
      if (n === 11) await publishCaseEvent(event); // a redelivery counts once
    }
    for (let n = 0; n < 5; n += 1) {
      const id = await startedVisit();
      expect((await submit(id, [house, house])).statusCode).toBe(200);
    }
    const statistics = async () =>
      (
        await h.app.inject({ method: 'GET', url: `/regions/${almaty}/statistics`, headers: supervisor })
      ).json();
    await waitFor(async () => {
      const shown = await statistics();
      expect(shown.cases.referredToPartnersByKind).toEqual({
        total: 5,
        counts: { council_of_elders: 5, house_of_friendship: null },
      });
      expect(shown.sessions.byVenueKind).toEqual({ total: 5, counts: { house_of_friendship: 5 } });
    });
    const shown = await statistics();
    // Seven visits met the House of Friendship (two earlier in this file), one the elders.
    expect(shown.visits.byPartnerKindMet.counts).toEqual({ house_of_friendship: 5, council_of_elders: null });
    expect(shown.visits.byPartnerKindMet.total).toBe(5);
  });

  it("counts volunteers' cases apart from certified mediators' cases, the mediator now on the case", async () => {
    const assigned = (
      n: number,
      mediatorKind: 'certified' | 'volunteer',
      previousMediatorId: string | null,
    ) => {
      const data = {
        ...ref(n, 'in_mediation'),
        status: 'assigned' as const,
        category: 'neighbourhood' as const,
        urgency: 'medium' as const,
        riskFlags: [],
        escalationLevel: 0 as const,
        mediatorId: `rm-stat-${mediatorKind}-${n}`,
        previousMediatorId,
        supervisorId: mediatorKind === 'volunteer' ? 'rm-stat-supervisor' : null,
        mediatorKind,
        partyLanguages: ['kk' as const],
        assignedBy: 'coord-stat',
      };
      return buildEvent('case.mediator-assigned.v1', data, meta(data.caseId));
    };
    const byMediatorKind = async () =>
      (
        await h.app.inject({ method: 'GET', url: `/regions/${almaty}/statistics`, headers: supervisor })
      ).json().cases.byMediatorKind;
    // Four volunteers' cases and five of certified mediators: the volunteers' four are hidden.
    for (let n = 21; n <= 24; n += 1) await publishCaseEvent(assigned(n, 'volunteer', null));
    for (let n = 25; n <= 29; n += 1) await publishCaseEvent(assigned(n, 'certified', null));
    await waitFor(async () => {
      expect(await byMediatorKind()).toEqual({ total: 5, counts: { volunteer: null, certified: 5 } });
    });
    // A certified mediator's case handed to a volunteer now counts for the volunteers.
    await publishCaseEvent(assigned(29, 'volunteer', 'rm-stat-certified-29'));
    await waitFor(async () => {
      expect(await byMediatorKind()).toEqual({ total: 5, counts: { volunteer: 5, certified: null } });
    });
  });
});

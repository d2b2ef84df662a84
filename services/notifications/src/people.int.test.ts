// Who is who (issues 22 and 23), against a real Keycloak, the broker and FerretDB: group members
// are the realm's users, looked up by the service's own service account; e-mail goes to the
// address on the account; members choose their language and channels; the audiences (a region's
// supervisors, the coordinators, the mediator personally) read their inboxes with their own role.

import { nativeCollection } from '@kelisim/service-kit/mongo';
import { type CapturedLog, capturedLog } from '@kelisim/service-kit/testing/captured-log';
import { keycloakStartTimeoutMs, startKeycloak } from '@kelisim/service-kit/testing/keycloak';
import { ensureRealmUsers } from '@kelisim/service-kit/testing/keycloak-realm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailText } from './testing/local-receivers.ts';
import {
  eventually,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const mediatorUser = {
  id: 'nt-people-mediator',
  username: 'notifications-test.mediator',
  email: 'mediator.people@example.test',
};

describe('people: members are users, their preferences, the audiences', () => {
  let f: ServiceUnderTest;
  let log: CapturedLog;
  beforeAll(async () => {
    const keycloak = await startKeycloak();
    log = capturedLog('notifications');
    f = await startServiceUnderTest('people', { keycloak, logger: log.logger });
    await ensureRealmUsers(keycloak.issuer.replace(/\/realms\/[^/]+$/, ''), [mediatorUser]);
  }, keycloakStartTimeoutMs + 60_000);
  afterAll(async () => {
    await f?.close();
  });

  const putMembers = async (groupId: string, members: object[]) => {
    const current = await f.service.app.inject({
      method: 'GET',
      url: `/groups/${groupId}`,
      headers: await f.admin(),
    });
    return f.service.app.inject({
      method: 'PUT',
      url: `/groups/${groupId}`,
      headers: { ...(await f.admin()), 'if-match': current.headers.etag as string },
      payload: { names: current.json().names, members },
    });
  };

  it('a member named by username is stored as the Keycloak user id; an unknown user or an address in the request is refused, naming the field', async () => {
    const byName = await putMembers('grp-kz', [
      { username: 'notifications-test.kz-1', language: 'ru', email: true },
    ]);
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().members).toEqual([
      { userId: 'kz-1', language: 'ru', inbox: true, email: true, webhook: null },
    ]);

    const unknown = await putMembers('grp-kz', [
      { userId: 'kz-1', language: 'ru' },
      { userId: 'nobody-in-the-realm', language: 'kk' },
    ]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json()).toMatchObject({
      code: 'group.unknown_user',
      path: '/body/members/1/userId',
    });

    const address = await putMembers('grp-kz', [{ userId: 'kz-1', language: 'ru', email: 'x@example.test' }]);
    expect(address.statusCode).toBe(400);
    expect(JSON.stringify(address.json())).toContain('/body/members/0/email');

    const twice = await putMembers('grp-kz', [
      { userId: 'kz-1', language: 'ru' },
      { username: 'notifications-test.kz-1', language: 'ru' },
    ]);
    expect(twice.json()).toMatchObject({ code: 'group.duplicate_member', path: '/body/members/1/username' });
  });

  it('a member sets their own language and channels; bad ones are refused naming the field; a stale If-Match gets 412', async () => {
    const me = await f.regionMember();
    const empty = await f.service.app.inject({ method: 'GET', url: '/me/preferences', headers: me });
    expect(empty.json()).toMatchObject({ language: null, channels: null, version: 0 });
    expect(empty.headers.etag).toBe('"0"');

    const bad = await f.service.app.inject({
      method: 'PUT',
      url: '/me/preferences',
      headers: me,
      payload: { language: 'de', channels: { inbox: true, email: true } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(bad.json())).toContain('/body/language');
    const badZone = await f.service.app.inject({
      method: 'PUT',
      url: '/me/preferences',
      headers: me,
      payload: { language: 'kk', channels: { inbox: true, email: true }, timeZone: 'Mars/Olympus' },
    });
    expect(JSON.stringify(badZone.json())).toContain('/body/timeZone');

    const set = await f.service.app.inject({
      method: 'PUT',
      url: '/me/preferences',
      headers: { ...me, 'if-match': '"0"' },
      payload: { language: 'kk', channels: { inbox: true, email: true } },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ language: 'kk', channels: { inbox: true, email: true }, version: 1 });
    const stale = await f.service.app.inject({
      method: 'PUT',
      url: '/me/preferences',
      headers: { ...me, 'if-match': '"0"' },
      payload: { language: 'ru', channels: { inbox: true, email: false } },
    });
    expect(stale.statusCode).toBe(412);

    // The region group's member (Russian in the directory) now gets Kazakh e-mail at their account's address.
    // Escalated to the region (level 2): the region group hears of it.
    const event = f.caseEvent('case.escalated.v1', 'case-people-1', { escalationLevel: 2, previousLevel: 1 });
    await f.publish(event);
    const mail = await eventually(
      () =>
        f.smtp.mails.find(
          (m) => m.to.includes('r-ru@example.test') && mailText(m.raw).includes('EM-2026-75-17'),
        ) ?? Promise.reject(new Error('no mail yet')),
    );
    expect(mail.raw).toMatch(/Content-Language: kk/i);
  });

  it('a certificate nearing its end reaches the mediator personally (their own inbox and e-mail) and the coordinators, who need no group-member role', async () => {
    await f.publish(
      f.anyEvent('mediator.registered.v1', 'med-people', region, {
        mediatorId: 'med-people',
        userId: mediatorUser.id,
        homeRegion: region,
        regions: [region],
        languages: ['ru'],
        specialisations: [],
        status: 'active',
      }),
      'mediators',
    );
    const expiring = f.anyEvent('certification.expiring.v1', 'cert-people', region, {
      certificationId: 'cert-people',
      mediatorId: 'med-people',
      courseId: 'course-1',
      validUntil: '2026-12-01',
      daysLeft: 20,
    });
    // The personal group is created from the mediator's profile; the notice follows it on the same key.
    await eventually(async () => {
      const own = await f.service.app.inject({
        method: 'GET',
        url: '/groups',
        headers: await f.auth.headers({ sub: mediatorUser.id, roles: ['mediator'], regions: [region] }),
      });
      expect(own.json().items.map((g: { id: string }) => g.id)).toEqual(['grp-mediator-med-people']);
    });
    await f.publish(expiring, 'mediators');

    const mediator = await f.auth.headers({ sub: mediatorUser.id, roles: ['mediator'], regions: [region] });
    await eventually(async () =>
      expect(await f.inboxFor('grp-mediator-med-people', mediator, expiring.id)).toHaveLength(1),
    );
    const mine = await f.service.app.inject({ method: 'GET', url: '/alerts?limit=100', headers: mediator });
    expect(mine.json().items.map((a: { sourceEventId: string }) => a.sourceEventId)).toContain(expiring.id);
    const mail = await eventually(
      () =>
        f.smtp.mails.find((m) => m.to.includes(mediatorUser.email)) ??
        Promise.reject(new Error('no mail yet')),
    );
    expect(mail.raw).toMatch(/Content-Language: ru/i);

    // Another mediator sees none of it.
    const other = await f.auth.headers({ sub: 'someone-else', roles: ['mediator'], regions: [region] });
    const hidden = await f.service.app.inject({
      method: 'GET',
      url: '/groups/grp-mediator-med-people/alerts',
      headers: other,
    });
    expect(hidden.statusCode).toBe(404);

    const coordinator = await f.auth.headers({ sub: 'coord-1', roles: ['coordinator'], regions: ['KZ'] });
    expect(await f.inboxFor('grp-coordinators', coordinator, expiring.id)).toHaveLength(1);
  });

  it('a region’s risk rising reaches its supervisors’ own inbox; another region’s supervisor sees none of it', async () => {
    const rising = f.anyEvent('region.risk-changed.v1', region, region, {
      region,
      score: 71,
      band: 'high',
      previousBand: 'elevated',
      previousScore: 48,
      direction: 'rising',
      factors: [{ name: 'escalations', value: 0.8, delta: 0.4, weight: 0.3 }],
      windowDays: 30,
      explanation: { drivers: ['escalations'] },
    });
    await f.publish(rising, 'monitoring');
    const supervisor = await f.auth.headers({ sub: 'sup-1', roles: ['supervisor'], regions: [region] });
    const supervisors = `grp-supervisors-${region}`;
    await eventually(async () =>
      expect(await f.inboxFor(supervisors, supervisor, rising.id)).toHaveLength(1),
    );
    const mine = await f.service.app.inject({ method: 'GET', url: '/alerts?limit=100', headers: supervisor });
    expect(mine.json().items.map((a: { groupId: string }) => a.groupId)).toContain(supervisors);
    expect(await f.inboxFor(regionGroupId, await f.regionMember(), rising.id)).toHaveLength(1);
    const elsewhere = await f.auth.headers({ sub: 'sup-2', roles: ['supervisor'], regions: ['710000000'] });
    const hidden = await f.service.app.inject({
      method: 'GET',
      url: `/groups/${supervisors}/alerts`,
      headers: elsewhere,
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('no e-mail address is in the logs (at trace level), on Kafka or in the store', async () => {
    const addresses = [mediatorUser.email, 'r-ru@example.test', 'd-kk@example.test'];
    // The mails above were sent: the addresses were used, and are nowhere else.
    expect(f.smtp.mails.length).toBeGreaterThan(0);
    for (const address of addresses) {
      expect(log.text()).not.toContain(address);
      expect(JSON.stringify(f.published)).not.toContain(address);
    }
    for (const name of ['groups', 'groups_commits', 'deliveries', 'preferences', 'alerts']) {
      const docs = await nativeCollection(f.runtime.connection, name).find({}).toArray();
      expect(JSON.stringify(docs)).not.toMatch(/@example\.test/);
    }
  });
});

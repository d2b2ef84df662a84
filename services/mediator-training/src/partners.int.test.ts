// The partner directory through HTTP on the real broker and FerretDB: registration, the events
// that carry no names and no contact person, the contact person sealed at rest and shown only to
// the directory's managers, scope, and validation naming the field.
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  plaintextLeaks,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const almatyRegion = '190000000';
const almatyDistrict = '193600000';
const astana = '710000000';
const contactName = 'Айгерім Контактова-Құпия';

describe('the partner directory', () => {
  let svc: ServiceUnderTest;
  let coordinator: { authorization: string };
  let mediator: { authorization: string };
  let astanaCoordinator: { authorization: string };

  beforeAll(async () => {
    svc = await startServiceUnderTest('partners');
    coordinator = await svc.auth.headers({ sub: 'coord-p', roles: ['coordinator'], regions: [almatyRegion] });
    mediator = await svc.auth.headers({ sub: 'med-p', roles: ['mediator'], regions: [almatyRegion] });
    astanaCoordinator = await svc.auth.headers({ sub: 'coord-a', roles: ['coordinator'], regions: [astana] });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const association = {
    kind: 'ethnocultural_association',
    names: { kk: 'Ұйғыр этномәдени орталығы', ru: 'Уйгурский этнокультурный центр' },
    region: almatyRegion,
    communities: ['uyghur'],
    contactPerson: { name: contactName, position: 'төраға', phone: '+7 701 555 12 34' },
  };

  it('registers a partner, publishes partner.registered without names or contact person, and seals the contact', async () => {
    const created = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      payload: association,
      headers: { ...coordinator, 'idempotency-key': 'partner-1' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const partner = created.json();
    expect(partner).toMatchObject({ kind: 'ethnocultural_association', district: null, status: 'active' });
    expect(partner.contactPerson.name).toBe(contactName);

    await waitFor(() => expect(svc.publishedOfType('partner.registered.v1')).toHaveLength(1));
    expect(svc.publishedOfType('partner.registered.v1')[0]?.data).toEqual({
      partnerId: partner.partnerId,
      kind: 'ethnocultural_association',
      region: almatyRegion,
      district: null,
      communities: ['uyghur'],
      status: 'active',
    });
    expect(await plaintextLeaks(svc, [contactName, '555 12 34'])).toEqual([]);
    // The names are the organisation's public face, kept in the directory, never on the bus.
    expect(svc.published.some((value) => value.includes('Уйгурский'))).toBe(false);

    const asMediator = await svc.app.inject({ url: `/partners/${partner.partnerId}`, headers: mediator });
    expect(asMediator.statusCode).toBe(200);
    expect(asMediator.json().contactPerson).toBeNull();
    const elsewhere = await svc.app.inject({
      url: `/partners/${partner.partnerId}`,
      headers: astanaCoordinator,
    });
    expect(elsewhere.statusCode).toBe(404);

    const edited = await svc.app.inject({
      method: 'PATCH',
      url: `/partners/${partner.partnerId}`,
      payload: { status: 'inactive' },
      headers: { ...coordinator, 'if-match': '"1"' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await waitFor(() => expect(svc.publishedOfType('partner.updated.v1')).toHaveLength(1));
  });

  it('lists partners of a kind in the caller territory', async () => {
    const house = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      payload: {
        kind: 'house_of_friendship',
        names: { kk: 'Достық үйі', ru: 'Дом дружбы' },
        region: almatyRegion,
      },
      headers: coordinator,
    });
    expect(house.statusCode, house.body).toBe(201);
    const listed = await svc.app.inject({ url: '/partners?kind=house_of_friendship', headers: mediator });
    expect(listed.json().items.map((p: { partnerId: string }) => p.partnerId)).toEqual([
      house.json().partnerId,
    ]);
    const none = await svc.app.inject({ url: '/partners', headers: astanaCoordinator });
    expect(none.json().items).toEqual([]);
  });

  it('refuses a district assembly without its district, a district of another region, and communities of a non-association', async () => {
    const refused = async (payload: object, field: string) => {
      const response = await svc.app.inject({
        method: 'POST',
        url: '/partners',
        payload,
        headers: coordinator,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toContain(field);
    };
    const names = { kk: 'Аудандық ассамблея', ru: 'Районная ассамблея' };
    await refused({ kind: 'district_assembly', names, region: almatyRegion }, 'district');
    await refused({ kind: 'district_assembly', names, region: astana, district: almatyDistrict }, 'district');
    await refused(
      { kind: 'council_of_elders', names, region: almatyRegion, communities: ['uyghur'] },
      'communities',
    );
  });

  it('a volunteer mediator names a youth or student assembly: another kind of partner is refused naming partnerId, in kk, ru and en, and nothing is saved', async () => {
    const partner = async (kind: string, key: string) => {
      const created = await svc.app.inject({
        method: 'POST',
        url: '/partners',
        payload: { kind, names: { kk: key, ru: key }, region: almatyRegion },
        headers: { ...coordinator, 'idempotency-key': key },
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().partnerId as string;
    };
    const youth = await partner('youth_assembly', 'partner-youth');
    const house = await partner('house_of_friendship', 'partner-house');
    const volunteer = (userId: string, partnerId: string | null, language: string) =>
      svc.app.inject({
        method: 'POST',
        url: '/mediators',
        payload: {
          userId,
          name: 'Ерікті Жастар',
          homeRegion: almatyRegion,
          languages: ['kk'],
          kind: 'volunteer',
          partnerId,
        },
        headers: { ...coordinator, 'accept-language': language },
      });

    const texts = {
      kk: 'partnerId: ерікті медиатордың ұйымы Ассамблея жастары немесе студенттік ассамблея болуы керек.',
      ru: 'partnerId: организация медиатора-волонтёра должна быть молодёжной или студенческой ассамблеей.',
      en: "partnerId: a volunteer's partner must be a youth or student assembly.",
    };
    for (const [language, detail] of Object.entries(texts)) {
      const refused = await volunteer('user-vol-house', house, language);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'mediator.assembly_not_youth_or_student',
        field: 'partnerId',
        partnerKind: 'house_of_friendship',
        detail,
      });
    }
    const without = await volunteer('user-vol-house', null, 'ru');
    expect(without.json()).toMatchObject({ code: 'mediator.volunteer_without_assembly', field: 'partnerId' });
    const listed = await svc.app.inject({ url: '/mediators', headers: coordinator });
    expect(JSON.stringify(listed.json().items)).not.toContain('user-vol-house');

    const registered = await volunteer('user-vol-youth', youth, 'kk');
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ kind: 'volunteer', partnerId: youth });
    // Moving the volunteer to the House of Friendship is refused as well; the assembly stays.
    const moved = await svc.app.inject({
      method: 'PATCH',
      url: `/mediators/${registered.json().mediatorId}`,
      payload: { partnerId: house },
      headers: { ...coordinator, 'if-match': registered.headers.etag as string },
    });
    expect(moved.statusCode, moved.body).toBe(422);
    expect(moved.json()).toMatchObject({
      code: 'mediator.assembly_not_youth_or_student',
      field: 'partnerId',
    });
    const read = await svc.app.inject({
      url: `/mediators/${registered.json().mediatorId}`,
      headers: coordinator,
    });
    expect(read.json()).toMatchObject({ partnerId: youth });
  });

  it('a coordinator registers partners only in their territory', async () => {
    const response = await svc.app.inject({
      method: 'POST',
      url: '/partners',
      payload: association,
      headers: astanaCoordinator,
    });
    expect(response.statusCode).toBe(403);
  });
});

// Writes take only what the caller may set (issue 9): ids, versions, parents, authors and states
// the service owns are refused with 400 and nothing changes; territory beyond the token is
// refused; strings and arrays have ceilings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtGroupId,
  eventually,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

const forged = 'forged-by-caller';
const owned: Array<[string, unknown]> = [
  ['id', forged],
  ['_id', forged],
  ['version', 4242],
  ['parentId', forged],
  ['createdAt', '1999-01-01T00:00:00.000Z'],
  ['updatedAt', '1999-01-01T00:00:00.000Z'],
  ['createdBy', forged],
  ['status', 'resolved'],
  ['acknowledgedBy', forged],
];

let fx: ServiceUnderTest;
let alertId: string;
let ruleId: string;

async function rawDatabase(): Promise<string> {
  const db = fx.runtime.connection.getClient().db(fx.runtime.connection.name);
  let raw = '';
  for (const { name } of await db.listCollections().toArray()) {
    raw += JSON.stringify(await db.collection(name).find({}).toArray());
  }
  return raw;
}

beforeAll(async () => {
  fx = await startServiceUnderTest('nt-write-guards');
  const event = fx.caseEvent('case.escalated.v1', 'case-guards');
  await fx.publish(event);
  const member = await fx.districtMember();
  const [alert] = await eventually(async () => {
    const found = await fx.inboxFor(districtGroupId, member, event.id);
    expect(found.length).toBeGreaterThan(0);
    return found;
  });
  alertId = alert!.alertId;
  const rules = await fx.service.app.inject({ method: 'GET', url: '/rules', headers: await fx.admin() });
  const [rule] = rules.json().items;
  ruleId = rule.id ?? rule.ruleId ?? rule._id;
}, 120_000);
afterAll(async () => fx?.close());

describe('mass assignment', () => {
  it('refuses service-owned fields on every write and stores none of them', async () => {
    const admin = await fx.admin();
    const member = await fx.districtMember();
    const names = { kk: 'Топ', ru: 'Группа' };
    const writes: Array<[string, 'POST' | 'PUT', string, Record<string, string>, object]> = [
      ['create a group', 'POST', '/groups', admin, { level: 'district', district: '751110000' }],
      ['edit a group', 'PUT', `/groups/${regionGroupId}`, admin, { names, members: [] }],
      [
        'edit a rule',
        'PUT',
        `/rules/${ruleId}`,
        admin,
        { minSeverity: 'high', targets: ['inbox'], enabled: true },
      ],
      ['acknowledge', 'POST', `/alerts/${alertId}/acknowledge`, member, { note: null }],
      ['resolve', 'POST', `/alerts/${alertId}/resolve`, member, { resolution: 'handled' }],
    ];
    for (const [what, method, url, headers, body] of writes) {
      for (const [field, value] of owned) {
        const response = await fx.service.app.inject({
          method,
          url,
          headers,
          payload: { ...body, [field]: value },
        });
        expect(response.statusCode, `${what} with ${field}: ${response.body.slice(0, 200)}`).toBe(400);
      }
    }
    const alert = await fx.service.app.inject({ method: 'GET', url: `/alerts/${alertId}`, headers: member });
    expect(alert.json().status).not.toBe('resolved');
    expect(await rawDatabase()).not.toContain(forged);
  });

  it('refuses a group outside the administrator’s territory', async () => {
    const almatyAdmin = await fx.auth.headers({ sub: 'adm-75', roles: ['admin'], regions: ['750000000'] });
    const astana = await fx.service.app.inject({
      method: 'POST',
      url: '/groups',
      headers: almatyAdmin,
      payload: { level: 'regional', region: '710000000' },
    });
    expect(astana.statusCode).toBe(403);
  });
});

describe('size limits', () => {
  it('answers 400 to oversize strings and arrays', async () => {
    const admin = await fx.admin();
    const members = Array.from({ length: 501 }, (_, i) => ({ userId: `user-${i}`, language: 'kk' }));
    const many = await fx.service.app.inject({
      method: 'PUT',
      url: `/groups/${regionGroupId}`,
      headers: admin,
      payload: { names: { kk: 'Топ', ru: 'Группа' }, members },
    });
    expect(many.statusCode).toBe(400);
    const long = await fx.service.app.inject({
      method: 'POST',
      url: `/alerts/${alertId}/acknowledge`,
      headers: await fx.districtMember(),
      payload: { note: 'x'.repeat(1_001) },
    });
    expect(long.statusCode).toBe(400);
  });
});

// The alerts register through HTTP against the real broker and FerretDB: the inbox's rows, filters
// and groups, an acknowledgement's note left out.
import { xlsxRows } from '@kelisim/service-kit/testing/xlsx-rows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  districtGroupId,
  eventually,
  type ServiceUnderTest,
  startServiceUnderTest,
} from '../testing/service-under-test.ts';

let f: ServiceUnderTest;
const note = 'Сейтқали, "келісім"';

beforeAll(async () => {
  f = await startServiceUnderTest('nt-alert-export');
  const escalated = f.caseEvent('case.escalated.v1', 'case-export-1', {
    escalationLevel: 1,
    previousLevel: 0,
  });
  await f.publish(escalated);
  await f.publish(f.caseEvent('case.registered.v1', 'case-export-2'));
  const [alert] = await eventually(async () => {
    const found = await f.inboxFor(districtGroupId, await f.districtMember(), escalated.id);
    expect(found).toHaveLength(1);
    return found;
  });
  const ack = await f.service.app.inject({
    method: 'POST',
    url: `/alerts/${alert?.alertId}/acknowledge`,
    headers: await f.districtMember(),
    payload: { note },
  });
  expect(ack.statusCode, ack.body).toBe(200);
});
afterAll(async () => f?.close());

const get = async (url: string, headers: Record<string, string>) => {
  const response = await f.service.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response;
};

describe('alerts register', () => {
  it('the XLSX read back holds the inbox’s alerts, in its order, with their headlines in kk and ru', async () => {
    for (const [headers, filter] of [
      [await f.districtMember(), ''],
      [await f.admin(), 'status=acknowledged'],
    ] as const) {
      const inbox = (await get(`/alerts?${filter}&limit=100`, headers)).json().items as Array<
        Record<string, unknown>
      >;
      expect(inbox.length).toBeGreaterThan(0);
      const rows = await xlsxRows((await get(`/alerts/export?${filter}&format=xlsx`, headers)).rawPayload);
      expect(rows.map((row) => row.alertId)).toEqual(inbox.map((alert) => alert.alertId));
      for (const [i, row] of rows.entries()) {
        const alert = inbox[i] as { severity: string; status: string; message: { kk: { headline: string } } };
        expect(row).toMatchObject({ severity: alert.severity, status: alert.status });
        expect(row.headlineKk).toBe(alert.message.kk.headline);
      }
    }
  });

  it('the CSV keeps the inbox’s filter and leaves the acknowledgement’s note out', async () => {
    const headers = await f.admin();
    const inbox = (await get('/alerts?status=acknowledged&limit=100', headers)).json().items as unknown[];
    const csv = (await get('/alerts/export?status=acknowledged', headers)).body;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(inbox.length + 1);
    expect(csv).not.toContain('Сейтқали');
  });

  it('a member of the district group exports only the alerts of their groups', async () => {
    const headers = await f.districtMember();
    const rows = await xlsxRows((await get('/alerts/export?format=xlsx', headers)).rawPayload);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.groupId))).toEqual(new Set([districtGroupId]));
  });
});

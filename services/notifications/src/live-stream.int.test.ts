// A group's live stream over the real broker: what a connected member hears of the group's alerts
// (from the `alerts` topic, as every instance hears it), and how the stream is authenticated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveAlertChange } from './delivery/live-stream.ts';
import { openEventStream } from './testing/local-receivers.ts';
import {
  districtGroupId,
  eventually,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

describe("a group's live stream", () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    f = await startServiceUnderTest('live-stream');
  }, 120_000);
  afterAll(() => f?.close());

  it('refuses a token in the URL with 401 and a problem that says where the token belongs', async () => {
    const { authorization } = await f.districtMember();
    const token = authorization.replace(/^Bearer /, '');
    const url = `${f.baseUrl}/groups/${districtGroupId}/alerts/stream`;
    for (const headers of [{}, { authorization }]) {
      const response = await fetch(`${url}?access_token=${token}`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        status: 401,
        detail: expect.stringMatching(/Authorization header/),
      });
    }
    expect(f.service.feed.connectionCount()).toBe(0);
  });

  it('tells a connected member when an alert of the group is raised and when it is acknowledged, by id and codes only', async () => {
    // A critical case escalated: the district's or the region's group is alerted, as the rules say.
    const members: Record<string, () => Promise<{ authorization: string }>> = {
      [districtGroupId]: f.districtMember,
      [regionGroupId]: f.regionMember,
    };
    const streams = await Promise.all(
      Object.entries(members).map(async ([groupId, member]) =>
        openEventStream(`${f.baseUrl}/groups/${groupId}/alerts/stream`, await member()),
      ),
    );
    await eventually(() => expect(f.service.feed.connectionCount()).toBe(2));
    await f.publish(f.caseEvent('case.escalated.v1', 'case-live-1'));

    const [stream, raised] = await eventually(() => {
      const found = streams
        .map((s) => [s, s.events.find((e) => e.event === 'alert.raised')?.data as LiveAlertChange] as const)
        .find(([, data]) => data);
      expect(found).toBeDefined();
      return found as NonNullable<typeof found>;
    });
    expect(raised).toMatchObject({ change: 'raised', severity: 'critical', sourceSubject: 'case-live-1' });
    const member = members[raised.groupId];
    if (!member) throw new Error(`an alert to ${raised.groupId}, outside the fixture's groups`);
    // No message text and no details of the source: the client reads the alert by id for those.
    expect(Object.keys(raised).sort()).toEqual(
      [
        'alertId',
        'at',
        'chainId',
        'change',
        'escalationLevel',
        'groupId',
        'severity',
        'sourceSubject',
        'sourceType',
      ].sort(),
    );

    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${raised.alertId}/acknowledge`,
      headers: await member(),
      payload: { note: 'on it' },
    });
    expect(ack.statusCode).toBe(200);
    await eventually(() =>
      expect(stream.events.find((e) => e.event === 'alert.acknowledged')?.data).toMatchObject({
        alertId: raised.alertId,
        change: 'acknowledged',
      }),
    );
    expect(stream.status()).toBe(200);
    for (const each of streams) each.close();
    await eventually(() => expect(f.service.feed.connectionCount()).toBe(0));
  });
});

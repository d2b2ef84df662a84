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
    // A critical case escalated to level 2 alerts the regional group.
    const stream = openEventStream(
      `${f.baseUrl}/groups/${regionGroupId}/alerts/stream`,
      await f.regionMember(),
    );
    await eventually(() => expect(f.service.feed.connectionCount()).toBe(1));
    await f.publish(f.caseEvent('case.escalated.v1', 'case-live-1'));

    const raised = await eventually(() => {
      const found = stream.events.find((e) => e.event === 'alert.raised');
      expect(found).toBeDefined();
      return found?.data as LiveAlertChange;
    });
    expect(raised).toMatchObject({ groupId: regionGroupId, change: 'raised', severity: 'critical' });
    // No message text and no source details: the client reads the alert by id for those.
    expect(Object.keys(raised).sort()).toEqual(
      ['alertId', 'at', 'chainId', 'change', 'escalationLevel', 'groupId', 'severity'].sort(),
    );

    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${raised.alertId}/acknowledge`,
      headers: await f.regionMember(),
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
    stream.close();
    await eventually(() => expect(f.service.feed.connectionCount()).toBe(0));
  });
});

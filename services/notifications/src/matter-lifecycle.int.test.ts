// One open alert per matter and group (issue 23, ADR 0016) against the real broker and FerretDB:
// updates and re-acknowledgement, resolution when the matter ends, no reopening by a late or
// redelivered event, a fresh alert for a matter that comes back.
import { parseEnvelope } from '@kelisim/contracts/events/catalogue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from './events/raise-alerts.ts';
import {
  district,
  districtGroupId,
  eventually,
  minute,
  region,
  regionGroupId,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

type TimelineAlert = {
  alertId: string;
  status: string;
  severity: string;
  generation: number;
  resolution: string | null;
  acknowledgeBy: string;
  timeline: { what: string; sourceType: string; severity: string; escalationLevel: number }[];
};

describe('one open alert per matter and group', () => {
  let f: ServiceUnderTest;
  beforeAll(async () => {
    f = await startServiceUnderTest('nt-matter');
  });
  afterAll(async () => {
    await f?.close();
  });

  const caseAlerts = async (groupId: string, caseId: string) => {
    const headers = groupId === districtGroupId ? await f.districtMember() : await f.regionMember();
    const page = await f.inbox(groupId, headers, '?limit=100');
    return (page.items as unknown as (TimelineAlert & { sourceSubject: string })[]).filter(
      (a) => a.sourceSubject === caseId,
    );
  };
  const caseData = (caseId: string, status: string) => ({
    caseId,
    caseNumber: 'EM-2026-75-17',
    region,
    district,
    status,
    category: 'group_conflict',
  });

  it('a rise in severity after acknowledgement asks for acknowledgement again, with the new deadline, and re-notifies', async () => {
    const caseId = 'case-rise-1';
    await f.publish(f.caseEvent('case.escalated.v1', caseId, { urgency: 'low' }));
    const [first] = await eventually(async () => {
      const found = await caseAlerts(districtGroupId, caseId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(first).toMatchObject({ severity: 'high' });
    const ack = await f.service.app.inject({
      method: 'POST',
      url: `/alerts/${first!.alertId}/acknowledge`,
      headers: await f.districtMember(),
      payload: {},
    });
    expect(ack.statusCode).toBe(200);

    await f.publish(f.caseEvent('case.follow-up-due.v1', caseId)); // medium: no rise, stays acknowledged
    await f.publish(f.caseEvent('case.escalated.v1', caseId, { urgency: 'critical' }));
    const [risen] = await eventually(async () => {
      const found = await caseAlerts(districtGroupId, caseId);
      expect(found[0]?.severity).toBe('critical');
      return found;
    });
    expect(risen).toMatchObject({ alertId: first!.alertId, status: 'delivered' });
    expect(risen!.timeline.map((e) => [e.what, e.severity])).toEqual([
      ['raised', 'high'],
      ['acknowledged', 'high'],
      ['updated', 'high'],
      ['updated', 'critical'],
    ]);
    expect(new Date(risen!.acknowledgeBy).getTime()).toBeLessThan(Date.now() + 16 * minute);
    // The webhook and the e-mail go out again for the critical notice.
    const deliveries = await f.service.stores.deliveries.forAlert(first!.alertId);
    expect(deliveries.filter((d) => d.channel === 'webhook')).toHaveLength(2);
    // Unacknowledged again, it escalates at its new severity: once.
    f.advanceClock(16 * minute);
    await f.service.sweepEscalations();
    await f.service.sweepEscalations();
    const [inRegion] = await caseAlerts(regionGroupId, caseId);
    expect(inRegion).toMatchObject({ severity: 'critical' });
    expect(inRegion!.timeline.map((e) => e.what)).toEqual(['raised']);
  });

  it('screening that finds a registered case critical alerts its district and region groups, once each', async () => {
    const caseId = 'case-screened-1';
    await f.publish(f.caseEvent('case.registered.v1', caseId, { urgency: 'medium', escalationLevel: 0 }));
    const screened = f.caseEvent('case.screened.v1', caseId, { urgency: 'critical', escalationLevel: 0 });
    await f.publish(screened);
    await f.publish(screened); // redelivered
    for (const groupId of [districtGroupId, regionGroupId]) {
      await eventually(async () => {
        const [alert, ...others] = await caseAlerts(groupId, caseId);
        expect(others).toEqual([]);
        expect(alert).toMatchObject({
          severity: 'critical',
          status: expect.stringMatching(/raised|delivered/),
        });
        expect(alert?.timeline.map((entry) => entry.sourceType)).toEqual(['case.screened.v1']);
      });
    }
  });

  it('a declined case resolves its alerts everywhere; a late redelivery raises nothing; after reopening, a new escalation raises a fresh alert', async () => {
    const caseId = 'case-decl-1';
    const escalated = f.caseEvent('case.escalated.v1', caseId);
    await f.publish(escalated);
    await eventually(async () => expect(await caseAlerts(districtGroupId, caseId)).toHaveLength(1));
    const declined = f.anyEvent('case.declined.v1', caseId, region, {
      ...caseData(caseId, 'declined'),
      reason: 'not_interethnic',
      declinedBy: 'med-1',
    });
    await f.publish(declined);
    const [resolved] = await eventually(async () => {
      const found = await caseAlerts(districtGroupId, caseId);
      expect(found[0]).toMatchObject({ status: 'resolved', resolution: 'case_declined' });
      return found;
    });
    expect(resolved!.timeline.at(-1)).toMatchObject({ what: 'resolved', sourceType: 'case.declined.v1' });

    // The escalation handed to the rules again, past the consumer's duplicate check: nothing.
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(escalated)));
    if (!parsed.ok) throw new Error('fixture does not parse');
    expect(
      await raiseAlerts(
        parsed.event,
        { severity: 'critical', region, district, escalationLevel: 1 },
        {},
        f.service.alerting,
      ),
    ).toBe(0);
    // Nor does the sweep escalate what the matter's end resolved.
    f.advanceClock(16 * minute);
    await f.service.sweepEscalations();
    expect(await caseAlerts(regionGroupId, caseId)).toEqual([]);
    expect(await caseAlerts(districtGroupId, caseId)).toHaveLength(1);

    // A genuinely new occurrence after the end (the case reopened and escalated again).
    await f.publish(f.caseEvent('case.escalated.v1', caseId));
    const both = await eventually(async () => {
      const found = await caseAlerts(districtGroupId, caseId);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(both.map((a) => [a.generation, a.status]).sort()).toEqual([
      [1, 'resolved'],
      [2, 'delivered'],
    ]);
  });

  it('a region’s risk band falling back resolves the region’s risk alerts', async () => {
    const risk = (direction: 'rising' | 'falling', band: string, previousBand: string) =>
      f.anyEvent('region.risk-changed.v1', region, region, {
        region,
        score: 71,
        band,
        previousBand,
        previousScore: 48,
        direction,
        factors: [{ name: 'escalations', value: 0.8, delta: 0.4, weight: 0.3 }],
        windowDays: 30,
        explanation: { drivers: ['escalations'] },
      });
    await f.publish(risk('rising', 'high', 'elevated'), 'monitoring');
    const riskAlerts = async () =>
      (await f.inbox(regionGroupId, await f.regionMember(), '?limit=100')).items.filter(
        (a) => (a as unknown as { sourceType: string }).sourceType === 'region.risk-changed.v1',
      ) as unknown as TimelineAlert[];
    await eventually(async () => expect(await riskAlerts()).toHaveLength(1));
    await f.publish(risk('rising', 'critical', 'high'), 'monitoring');
    await eventually(async () => expect((await riskAlerts())[0]?.severity).toBe('critical'));
    expect(await riskAlerts()).toHaveLength(1);
    await f.publish(risk('falling', 'elevated', 'critical'), 'monitoring');
    await eventually(async () =>
      expect(await riskAlerts()).toEqual([
        expect.objectContaining({ status: 'resolved', resolution: 'risk_lowered' }),
      ]),
    );
  });
});

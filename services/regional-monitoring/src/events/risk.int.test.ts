// The regional risk index end to end: case events from the bus and a reviewed visit move a
// region's band; a redelivered event counts once; the overdue sweep publishes once however many
// instances run it; the statistics never show a count under 5.
import { newEventId } from '@kelisim/contracts/envelope';
import { buildEvent, type KnownEvent } from '@kelisim/contracts/events/catalogue';
import { topicName } from '@kelisim/contracts/topics';
import { toKafkaMessage } from '@kelisim/service-kit/relay';
import { waitFor } from '@kelisim/service-kit/testing/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../jobs/overdue-sweep.ts';
import { refreshStaleRisks } from '../jobs/risk-refresh.ts';
import { createStores } from '../store/stores.ts';
import { type ServiceUnderTest, startServiceUnderTest } from '../testing/service-under-test.ts';
import { type CaseEventType, caseEvent as caseEventIn } from './case-events.test-support.ts';
import { onCaseSignal } from './case-signal.ts';
import { onMonitoringChanged } from './monitoring-changed.ts';

const almaty = '750000000';
const almaly = '751110000';
const shymkent = '790000000';

/** A case event in Almaly (Almaty) or in a district of Shymkent. */
function caseEvent(
  type: CaseEventType,
  caseId: string,
  region: string,
  category?: 'group_conflict' | 'labour' | 'family',
): KnownEvent {
  return caseEventIn(type, caseId, region === almaty ? almaly : '791510000', category);
}

describe('regional risk from cases and visits', () => {
  let h: ServiceUnderTest;
  let supervisor: { authorization: string };
  let reviewer: { authorization: string };
  let member: { authorization: string };
  let shymkentMember: { authorization: string };
  const sendCases = (events: KnownEvent[]) =>
    h.runtime.producer.send({
      topic: topicName(h.runtime.infra.topicPrefix, 'cases'),
      messages: events.map(toKafkaMessage),
    });
  const riskChanges = (region: string) =>
    h.published.filter((e) => e.type === 'region.risk-changed.v1' && e.subject === region) as Extract<
      KnownEvent,
      { type: 'region.risk-changed.v1' }
    >[];

  beforeAll(async () => {
    h = await startServiceUnderTest('rm-risk');
    supervisor = await h.auth.headers({
      sub: 'sup-lead',
      roles: ['supervisor'],
      regions: [almaty, shymkent],
    });
    reviewer = await h.auth.headers({
      sub: 'sup-review',
      roles: ['supervisor'],
      regions: [almaty, shymkent],
    });
    member = await h.auth.headers({
      sub: 'member-1',
      roles: ['group_member'],
      regions: [almaty],
      groups: ['grp-75'],
    });
    shymkentMember = await h.auth.headers({ sub: 'member-1', roles: ['group_member'], regions: [shymkent] });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function approvedPoorVisit(region: string, districts: string[], team = member) {
    const id = (
      await h.app.inject({
        method: 'POST',
        url: '/visits',
        headers: supervisor,
        payload: {
          region,
          districts,
          plannedFrom: '2030-01-10',
          plannedTo: '2030-01-11',
          team: ['member-1'],
        },
      })
    ).json().id as string;
    await h.app.inject({ method: 'POST', url: `/visits/${id}/start`, headers: team });
    const findings = [
      { indicator: 'incidents_reported', score: 4, note: 'clashes' },
      { indicator: 'online_hostility', score: 4 },
      { indicator: 'trust_in_local_mediation', score: 0 },
      { indicator: 'joint_community_events', score: 0 },
    ];
    const submitted = await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/submit`,
      headers: team,
      payload: { visitedFrom: '2030-01-10', visitedTo: '2030-01-10', findings },
    });
    expect(submitted.json().findingsScore).toBe(100);
    await h.app.inject({
      method: 'POST',
      url: `/visits/${id}/review`,
      headers: reviewer,
      payload: { decision: 'approved' },
    });
    return id;
  }

  it('escalated critical cases plus a poor reviewed visit raise the band once, explained by those factors; later crossings are published once each', async () => {
    // Two escalated critical cases: 21.5 points, still low.
    await sendCases([1, 2].map((n) => caseEvent('case.escalated.v1', `case-${n}`, almaty)));
    await waitFor(async () =>
      expect((await h.stores.risks.load(almaty))?.factors.find((f) => f.name === 'escalations')?.value).toBe(
        0.4,
      ),
    );
    expect((await h.stores.risks.load(almaty))?.band).toBe('low');
    expect(riskChanges(almaty)).toEqual([]);

    // A poor visit approved: 46.5 points, elevated; one change, naming what moved it since low. Two
    // cases, two urgent, two escalations are under 5, so the event shows the findings alone (25).
    await approvedPoorVisit(almaty, [almaly]);
    await waitFor(async () => expect((await h.stores.risks.load(almaty))?.band).toBe('elevated'));
    await waitFor(() => expect(riskChanges(almaty)).toHaveLength(1));
    const [change] = riskChanges(almaty);
    expect(change?.data).toMatchObject({
      previousBand: 'low',
      band: 'elevated',
      direction: 'rising',
      score: 25,
    });
    expect(change?.data.explanation.drivers).toEqual(['visit_findings']);
    expect(change?.data.factors.find((f) => f.name === 'visit_findings')).toMatchObject({
      value: 1,
      delta: 1,
      weight: 0.25,
    });

    // Three more: high, then critical, each crossing published once, none twice.
    await sendCases([3, 4, 5].map((n) => caseEvent('case.escalated.v1', `case-${n}`, almaty)));
    await waitFor(async () => expect((await h.stores.risks.load(almaty))?.band).toBe('critical'));
    await waitFor(() =>
      expect(riskChanges(almaty).map((e) => e.data.band)).toEqual(['elevated', 'high', 'critical']),
    );
    const last = riskChanges(almaty)[2];
    expect(last?.data).toMatchObject({ previousBand: 'high', direction: 'rising' });
    expect(last?.data.explanation.drivers).toEqual(expect.arrayContaining(['escalations', 'urgent_cases']));
    // Four escalations were hidden (0), five are shown (1).
    expect(last?.data.factors.find((f) => f.name === 'escalations')).toMatchObject({
      value: 1,
      weight: 0.25,
      delta: 1,
    });

    const risk = await h.app.inject({ method: 'GET', url: `/regions/${almaty}/risk`, headers: member });
    expect(risk.json()).toMatchObject({ band: 'critical', lastChange: { from: 'high', to: 'critical' } });
    expect(risk.json().lastChange.drivers[0]).toMatchObject({
      name: expect.any(String),
      points: expect.any(Number),
    });
    expect(risk.json().factors.find((f: { name: string }) => f.name === 'visit_findings')).toMatchObject({
      value: 1,
      points: 25,
    });
    const history = await h.app.inject({
      method: 'GET',
      url: `/regions/${almaty}/risk/history`,
      headers: member,
    });
    expect(history.json().items.map((c: { to: string }) => c.to)).toEqual(['critical', 'high', 'elevated']);
    // Every recomputation was scored on the bus.
    await waitFor(() =>
      expect(
        h.published.filter((e) => e.type === 'region.risk-scored.v1' && e.subject === almaty).length,
      ).toBeGreaterThanOrEqual(6),
    );
  });

  it('a case event delivered twice counts once', async () => {
    const event = caseEvent('case.escalated.v1', 'case-dup-1', shymkent);
    const duplicatesBefore = h.consumer.stats.skippedDuplicates;
    await sendCases([event, event]);
    await waitFor(() => expect(h.consumer.stats.skippedDuplicates).toBe(duplicatesBefore + 1));
    const risk = await h.stores.risks.load(shymkent);
    expect(risk?.factors.find((f) => f.name === 'escalations')?.value).toBe(0.2);
    expect(risk?.version).toBe(1);
  });

  it('an event redelivered after its recomputation committed, but before the consumer noted it, scores its region once', async () => {
    const event = caseEvent('case.registered.v1', 'case-crash-1', shymkent);
    const processedBefore = h.consumer.stats.processed;
    await sendCases([event]);
    await waitFor(() => expect(h.consumer.stats.processed).toBe(processedBefore + 1));
    const scored = await h.stores.risks.load(shymkent);
    // What a kill -9 between the handler and the consumer's note leaves: the effects, no note.
    await h.runtime.connection
      .db!.collection('processed_events')
      .deleteMany({ _id: { $regex: event.id } } as never);
    await sendCases([event]);
    await waitFor(() => expect(h.consumer.stats.processed).toBe(processedBefore + 2));
    const commits = await h.stores.risks.log.commits
      .find({ streamId: shymkent, 'events.causationid': event.id } as never)
      .toArray();
    expect(commits).toHaveLength(1);
    expect((await h.stores.risks.load(shymkent))?.version).toBe(scored?.version);
  });

  it('a signal another instance recorded and scored is counted by the next recomputation here', async () => {
    const escalations = async () =>
      (await h.stores.risks.load(shymkent))?.factors.find((f) => f.name === 'escalations')?.value ?? 0;
    const first = caseEvent('case.escalated.v1', 'case-elsewhere-1', shymkent);
    const processedBefore = h.consumer.stats.processed;
    await sendCases([first]);
    await waitFor(() => expect(h.consumer.stats.processed).toBe(processedBefore + 1));
    const before = await escalations();

    // Another instance: its own stores (and memory) on the same database.
    const elsewhere = createStores(h.runtime.connection);
    const theirs = caseEvent('case.escalated.v1', 'case-elsewhere-2', shymkent);
    if (theirs.type !== 'case.escalated.v1') throw new Error('an escalation was built');
    await onCaseSignal(
      { stores: elsewhere, windowDays: h.windowDays, wakeRelay: () => {}, clock: () => new Date() },
      theirs,
    );
    expect(await escalations()).toBeCloseTo(before + 0.2);

    await sendCases([caseEvent('case.escalated.v1', 'case-elsewhere-3', shymkent)]);
    await waitFor(() => expect(h.consumer.stats.processed).toBe(processedBefore + 2));
    expect(await escalations()).toBeCloseTo(before + 0.4);
  });

  it('two sweeps at once publish recommendation.overdue exactly once, and the overdue recommendation counts in the risk', async () => {
    const visitId = await approvedPoorVisit(shymkent, [], shymkentMember);
    const issued = await h.app.inject({
      method: 'POST',
      url: `/visits/${visitId}/recommendations`,
      headers: supervisor,
      payload: {
        ownerGroupId: 'grp-79',
        dueDate: '2030-02-01',
        priority: 'high',
        text: 'Meet the youth groups',
      },
    });
    expect(issued.statusCode).toBe(201);
    const recId = issued.json().id as string;
    const later = () => new Date('2030-02-05T06:00:00Z');
    const sweepDeps = {
      stores: h.stores,
      clock: later,
      wakeRelay: () => h.relay.wake(),
      logger: h.runtime.logger,
    };
    const results = await Promise.all([sweepOverdue(sweepDeps), sweepOverdue(sweepDeps)]);
    expect(results.reduce((sum, r) => sum + r.marked, 0)).toBe(1);
    expect((await sweepOverdue(sweepDeps)).marked).toBe(0);

    await waitFor(() => {
      const overdue = h.published.filter(
        (e) => e.type === 'recommendation.overdue.v1' && e.subject === recId,
      );
      expect(overdue).toHaveLength(1);
      expect(overdue[0]?.data).toMatchObject({ daysOverdue: 4, ownerGroupId: 'grp-79' });
    });
    await waitFor(async () =>
      expect(
        (await h.stores.risks.load(shymkent))?.factors.find((f) => f.name === 'overdue_recommendations')
          ?.value,
      ).toBeGreaterThan(0),
    );
  });

  it('the statistics never show a count under 5', async () => {
    await sendCases([
      ...[1, 2, 3, 4, 5, 6].map((n) => caseEvent('case.registered.v1', `case-lab-${n}`, almaty, 'labour')),
      caseEvent('case.registered.v1', 'case-fam-1', almaty, 'family'),
    ]);
    const stats = async () =>
      (await h.app.inject({ method: 'GET', url: `/regions/${almaty}/statistics`, headers: member })).json();
    await waitFor(async () =>
      expect(Object.values(await h.stores.caseSignals.countBy('category', almaty))).toEqual(
        expect.arrayContaining([5, 6, 1]),
      ),
    );
    const body = await stats();
    // family (1) is hidden; labour 6, group conflict 5 and the total 12 read as the multiples of 5
    // at or below them, so total minus the others (10 − 5 − 5) does not reveal it.
    expect(body.cases.byCategory).toEqual({
      total: 10,
      counts: { labour: 5, group_conflict: 5, family: null },
    });
    const numbers: number[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (key === 'riskHistory' || key === 'minimumShownCount') return;
      if (typeof value === 'number') numbers.push(value);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(body);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n >= 5)).toBe(true);

    const outside = await h.app.inject({
      method: 'GET',
      url: `/regions/${shymkent}/statistics`,
      headers: member,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('when signals age out of the window, a refresh lowers the band without a new event, once however many instances run it', async () => {
    const later = new Date(Date.now() + 60 * 86_400_000);
    const deps = {
      stores: h.stores,
      windowDays: h.windowDays,
      wakeRelay: () => h.relay.wake(),
      clock: () => later,
      logger: h.runtime.logger,
    };
    const hour = 3_600_000;
    const counts = await Promise.all([refreshStaleRisks(deps, hour), refreshStaleRisks(deps, hour)]);
    // Almaty and Shymkent, each rescored once.
    expect(counts[0] + counts[1]).toBe(2);
    expect(await refreshStaleRisks(deps, hour)).toBe(0);
    // What is left in Almaty is the approved visit's 25 points: elevated.
    expect(await h.stores.risks.load(almaty)).toMatchObject({ band: 'elevated', score: 25 });
    await waitFor(() => {
      const falling = riskChanges(almaty).filter((e) => e.data.direction === 'falling');
      expect(falling).toHaveLength(1);
      expect(falling[0]?.data).toMatchObject({ previousBand: 'critical', band: 'elevated' });
      expect(falling[0]?.data.explanation.drivers).toEqual(
        expect.arrayContaining(['escalations', 'urgent_cases']),
      );
    });
  });

  it('two approved visits consumed out of order: the later approval is the findings that count', async () => {
    const karaganda = '350000000';
    const approval = (visitId: string, findingsScore: number, time: string) =>
      buildEvent(
        'visit.reviewed.v1',
        {
          visitId,
          region: karaganda,
          districts: [],
          decision: 'approved',
          returnReason: null,
          findingsScore,
          reviewedBy: 'sup-review',
        },
        {
          id: newEventId(),
          source: '/services/regional-monitoring',
          subject: visitId,
          time,
          correlationid: `corr-${visitId}`,
          region: karaganda,
        },
      );
    const deps = {
      stores: h.stores,
      windowDays: h.windowDays,
      wakeRelay: () => h.relay.wake(),
      clock: () => new Date(),
    };
    const earlier = approval('visit-early', 80, '2030-01-10T09:00:00.000Z');
    const later = approval('visit-late', 20, '2030-01-12T09:00:00.000Z');
    await onMonitoringChanged(deps, later);
    await onMonitoringChanged(deps, earlier);
    expect(await h.stores.risks.load(karaganda)).toMatchObject({
      version: 2,
      latestFindingsScore: 20,
      latestFindingsAt: later.time,
    });
  });
});

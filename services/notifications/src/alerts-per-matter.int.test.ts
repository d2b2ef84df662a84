// Alerts raised per case (issue 23's figure), for two workloads fed straight to the consumer's
// handlers with a clock moved past the deadlines and the escalation sweep run in between:
// - the demo seed's cases (tools/ops seed plan: 6 regions × 4 cases, urgency cycling medium, high,
//   low, critical, critical cases escalated to level 2, targets cycling to closed and declined);
// - a thousand mixed case events over a hundred cases (registrations, escalations at each level,
//   follow-ups, closes, declines, withdrawals, reopenings, and redeliveries), from a fixed seed.
// Prints the figures (issue 23: before one alert per matter, demo 4.5 alerts per case with up to
// 2 open per case and group; mixed 14.5 per case, up to 11 open per case and group) and holds
// each case to one unresolved alert per group; run it alone with
//   pnpm --filter @kelisim/notifications exec vitest run src/alerts-per-matter.int.test.ts
import type { EventType } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { notificationsConsumer } from './events/consumer.ts';
import {
  district,
  minute,
  region,
  type ServiceUnderTest,
  startServiceUnderTest,
} from './testing/service-under-test.ts';

let f: ServiceUnderTest;

beforeAll(async () => {
  f = await startServiceUnderTest('nt-alerts-per-matter');
  // The consumer is not needed: events go to the handlers in the order the test gives.
  await f.consumer.stop();
});
afterAll(async () => {
  await f?.close();
});

type Event = { id: string; type: string; subject: string };

async function handle(event: Event): Promise<void> {
  const build = notificationsConsumer.handlers[event.type as EventType] as
    | ((deps: typeof f.service.alerting) => EventHandler)
    | undefined;
  if (!build) return;
  await build(f.service.alerting)(event as never, {
    logger: f.runtime.logger,
    topic: 'cases',
    partition: 0,
    offset: '0',
  });
}

const urgencies = ['medium', 'high', 'low', 'critical'] as const;
type Urgency = (typeof urgencies)[number];

function caseData(caseId: string, status: string, urgency: Urgency = 'low', escalationLevel = 0) {
  return {
    caseId,
    caseNumber: 'EM-2026-75-17',
    region,
    district,
    status,
    category: 'group_conflict',
    urgency,
    riskFlags: [],
    escalationLevel,
  };
}

function registered(caseId: string, urgency: Urgency): Event {
  return f.caseEvent('case.registered.v1', caseId, { urgency, status: 'registered', escalationLevel: 0 });
}
function escalated(caseId: string, urgency: Urgency, level: 1 | 2 | 3, previousLevel: number): Event {
  return f.caseEvent('case.escalated.v1', caseId, {
    urgency,
    status: 'assigned',
    escalationLevel: level,
    previousLevel: previousLevel as 0,
  });
}
function followUpDue(caseId: string): Event {
  return f.caseEvent('case.follow-up-due.v1', caseId, { status: 'follow_up' });
}
function closed(caseId: string): Event {
  return f.anyEvent('case.closed.v1', caseId, region, {
    ...caseData(caseId, 'closed'),
    mediatorId: 'med-1',
    outcome: 'agreement',
    outcomeReached: true,
    sessionCount: 1,
    closedOn: '2026-03-02',
  });
}
function declined(caseId: string): Event {
  return f.anyEvent('case.declined.v1', caseId, region, {
    ...caseData(caseId, 'declined'),
    reason: 'not_interethnic',
    declinedBy: 'med-1',
  });
}
function withdrawn(caseId: string): Event {
  return f.anyEvent('case.withdrawn.v1', caseId, region, {
    ...caseData(caseId, 'withdrawn'),
    previousStatus: 'assigned',
    reason: 'parties_settled',
    mediatorId: 'med-1',
  });
}
function reopened(caseId: string, urgency: Urgency): Event {
  return f.anyEvent('case.reopened.v1', caseId, region, {
    ...caseData(caseId, 'assigned', urgency),
    reason: 'agreement_breached',
    mediatorId: 'med-1',
    reopenedBy: 'med-1',
  });
}

/** Moves the clock past every deadline (a day) and sweeps until nothing more escalates. */
async function dayPasses(): Promise<void> {
  f.advanceClock(25 * 60 * minute);
  while ((await f.service.sweepEscalations()) > 0) {}
}

async function figures(prefix: string) {
  const alerts = await f.service.stores.alerts.alerts
    .find({ sourceSubject: { $regex: `^${prefix}` } })
    .toArray();
  const cases = new Set(alerts.map((a) => a.sourceSubject));
  const open = alerts.filter((a) => a.status !== 'resolved' && a.status !== 'acknowledged');
  const perCaseGroup = new Map<string, number>();
  for (const a of alerts.filter((x) => x.status !== 'resolved')) {
    const key = `${a.sourceSubject}|${a.groupId}`;
    perCaseGroup.set(key, (perCaseGroup.get(key) ?? 0) + 1);
  }
  return {
    alerts: alerts.length,
    casesWithAlerts: cases.size,
    perCase: Number((alerts.length / Math.max(1, cases.size)).toFixed(2)),
    maxPerCase: Math.max(0, ...[...cases].map((c) => alerts.filter((a) => a.sourceSubject === c).length)),
    openUnacknowledged: open.length,
    maxUnresolvedPerCaseAndGroup: Math.max(0, ...perCaseGroup.values()),
  };
}

it('the demo workload: alerts per case', async () => {
  const targets = [
    'registered',
    'screening',
    'awaiting_consent',
    'assigned',
    'in_mediation',
    'outcome',
    'closed',
    'declined',
  ];
  for (let i = 0; i < 24; i += 1) {
    const caseId = `demo-${i}`;
    const urgency = urgencies[i % urgencies.length]!;
    const target = targets[i % targets.length]!;
    await handle(registered(caseId, urgency));
    if (target === 'declined') {
      await handle(declined(caseId));
      continue;
    }
    if (urgency === 'critical') await handle(escalated(caseId, urgency, 2, 0));
    if (target === 'closed') await handle(closed(caseId));
  }
  await dayPasses();
  await dayPasses();
  const demo = await figures('demo-');
  process.stdout.write(`alerts per case, demo workload: ${JSON.stringify(demo)}\n`);
  expect(demo.alerts).toBeGreaterThan(0);
  expect(demo.maxUnresolvedPerCaseAndGroup).toBe(1);
}, 120_000);

it('a thousand mixed case events: alerts per case', async () => {
  let seed = 23;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(seed / 65_536) % n; // the high bits: the low ones of this generator cycle short
  };
  const level = new Map<string, number>();
  const ended = new Set<string>();
  const sent: Event[] = [];
  for (let i = 0; i < 1_000; i += 1) {
    const caseId = `mix-${next(100)}`;
    const urgency = urgencies[next(4)]!;
    const roll = next(100);
    let event: Event;
    if (roll < 5 && sent.length > 0) {
      event = sent[next(sent.length)]!; // a redelivery
    } else if (!level.has(caseId)) {
      level.set(caseId, 0);
      event = registered(caseId, urgency);
    } else if (ended.has(caseId)) {
      ended.delete(caseId);
      level.set(caseId, 0);
      event = reopened(caseId, urgency);
    } else if (roll < 55) {
      const previous = level.get(caseId) ?? 0;
      const to = Math.min(3, previous + 1) as 1 | 2 | 3;
      level.set(caseId, to);
      event = escalated(caseId, urgency, to, previous);
    } else if (roll < 70) {
      event = followUpDue(caseId);
    } else if (roll < 80) {
      ended.add(caseId);
      event = closed(caseId);
    } else if (roll < 85) {
      ended.add(caseId);
      event = declined(caseId);
    } else if (roll < 90) {
      ended.add(caseId);
      event = withdrawn(caseId);
    } else {
      event = registered(caseId, urgency);
    }
    sent.push(event);
    await handle(event);
    if (i % 100 === 99) {
      f.advanceClock(2 * 60 * minute);
      await f.service.sweepEscalations();
    }
  }
  await dayPasses();
  const mixed = await figures('mix-');
  process.stdout.write(`alerts per case, 1000 mixed events: ${JSON.stringify(mixed)}\n`);
  expect(mixed.alerts).toBeGreaterThan(0);
  expect(mixed.maxUnresolvedPerCaseAndGroup).toBe(1);
}, 600_000);

// Gathers the books' two sides after the run. Expectations come from the ledger (what clients were
// told) and, one step downstream, from the events each write committed: an acknowledged write has
// exactly one event in its service's commit log, and every committed event has exactly one effect
// in each service that acts on it. Observations are read from the services' databases, as an
// auditor would: nothing here goes through the services' code.

import type { ServiceName } from '@kelisim/launcher/service-process';
import type { Db, MongoClient } from 'mongodb';
import { atMostOnce, type Expectation, exactlyOnce, never, type Observation, type Range } from './books.ts';
import { type Ledger, landed, unknown } from './ledger.ts';
import { districtOf } from './workload.ts';

type CommittedEvent = {
  id: string;
  type: string;
  subject: string;
  causationid: string;
  data: Record<string, unknown>;
};

const republic = 'grp-kz';
const groupOf = (kato: string) => `grp-${kato}`;

async function committedEvents(db: Db): Promise<CommittedEvent[]> {
  const events: CommittedEvent[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (!name.endsWith('_commits')) continue;
    const cursor = db.collection<{ events: CommittedEvent[] }>(name).find({}, { projection: { events: 1 } });
    for await (const commit of cursor) events.push(...commit.events);
  }
  return events;
}

const rangeOf = (outcome: Parameters<typeof landed>[0]): Range =>
  landed(outcome) ? exactlyOnce : unknown(outcome) ? atMostOnce : never;

export async function observe(
  mongo: MongoClient,
  dbName: (service: ServiceName) => string,
  ledger: Ledger,
): Promise<{ expectations: Expectation[]; observations: Observation[] }> {
  const intake = mongo.db(dbName('case-intake'));
  const training = mongo.db(dbName('mediator-training'));
  const monitoring = mongo.db(dbName('regional-monitoring'));
  const notifications = mongo.db(dbName('notifications'));
  const expectations: Expectation[] = [];
  const observations: Observation[] = [];
  const expect = (check: string, key: string, range: Range) => expectations.push({ check, key, ...range });
  const saw = (check: string, key: string) => observations.push({ check, key });

  // Registrations never answered: case-intake's key claims say which case each became, if any.
  const claims = await intake
    .collection<{ _id: string; resourceId: string }>('idempotency_keys')
    .find({ _id: { $in: [...ledger.unansweredCaseKeys] } })
    .toArray();
  const cases = new Map([...ledger.cases].map(([id, entry]) => [id, entry]));
  const unattributed = new Set(claims.map((c) => c.resourceId).filter((id) => !cases.has(id)));

  // Layer 1: acknowledged writes → events in the producer's commit log.
  const caseEvents = await committedEvents(intake);
  const trainingEvents = await committedEvents(training);
  const monitoringEvents = await committedEvents(monitoring);
  for (const entry of cases.values()) {
    expect('case.registered committed', entry.caseId, rangeOf(entry.registered));
    expect('case.escalated committed', entry.caseId, rangeOf(entry.escalated));
  }
  for (const caseId of unattributed) {
    expect('case.registered committed', caseId, atMostOnce);
    expect('case.escalated committed', caseId, never);
  }
  for (const e of caseEvents) {
    if (e.type === 'case.registered.v1' || e.type === 'case.escalated.v1')
      saw(`${e.type.slice(0, -3)} committed`, e.subject);
  }
  for (const entry of ledger.mediators.values()) {
    expect('mediator.registered committed', entry.mediatorId, rangeOf(entry.registered));
    expect('certification.issued committed', entry.mediatorId, rangeOf(entry.certified));
  }
  for (const entry of ledger.visits.values()) {
    expect('visit.reviewed committed', entry.visitId, rangeOf(entry.reviewed));
  }
  // Mediators and visits created by requests never answered: ids the client never learnt.
  let tolerated = ledger.unansweredCreations;
  for (const e of [...trainingEvents, ...monitoringEvents]) {
    const id = e.type === 'mediator.registered.v1' ? String(e.data.mediatorId) : e.subject;
    const known = e.type === 'mediator.registered.v1' ? ledger.mediators.has(id) : ledger.visits.has(id);
    if (!['mediator.registered.v1', 'visit.planned.v1'].includes(e.type) || known || tolerated === 0)
      continue;
    tolerated -= 1;
    if (e.type === 'mediator.registered.v1') expect('mediator.registered committed', id, atMostOnce);
  }
  for (const e of trainingEvents) {
    if (e.type === 'mediator.registered.v1') saw('mediator.registered committed', String(e.data.mediatorId));
    if (e.type === 'certification.issued.v1')
      saw('certification.issued committed', String(e.data.mediatorId));
  }
  for (const e of monitoringEvents) {
    if (e.type === 'visit.reviewed.v1') saw('visit.reviewed committed', e.subject);
  }

  // Layer 2: every committed event → exactly one effect in each service that acts on it.
  // One alert per case and group (ADR 0016): a critical registration alerts the district's and the
  // region's groups, an escalation the group of its level (1 district, 2 region, 3 republic); a
  // group alerted twice about one case holds one alert, updated.
  const critical = new Set([...cases.values()].filter((c) => c.urgency === 'critical').map((c) => c.caseId));
  const causes = new Set<string>();
  const alertedOnce = new Set<string>();
  const alertedNever = new Set<string>();
  for (const e of caseEvents) {
    const data = e.data as { region?: string; district?: string; escalationLevel?: number };
    if (e.type === 'case.registered.v1') {
      expect('signal: registered', e.subject, exactlyOnce);
      expect('case profile', e.subject, exactlyOnce);
      causes.add(e.id);
      for (const group of [groupOf(String(data.district)), groupOf(String(data.region))]) {
        (critical.has(e.subject) ? alertedOnce : alertedNever).add(`${e.subject}@${group}`);
      }
    }
    if (e.type === 'case.escalated.v1') {
      expect('signal: escalated', e.subject, exactlyOnce);
      causes.add(e.id);
      const entry = cases.get(e.subject);
      const region = entry?.region ?? String(data.region);
      const byLevel = [groupOf(entry?.district ?? districtOf(region)), groupOf(region), republic];
      const group = byLevel[(data.escalationLevel ?? 2) - 1];
      if (group) alertedOnce.add(`${e.subject}@${group}`);
    }
  }
  for (const key of alertedOnce) expect('alert: case', key, exactlyOnce);
  for (const key of alertedNever) if (!alertedOnce.has(key)) expect('alert: case', key, never);
  for (const e of monitoringEvents) {
    if (e.type === 'visit.reviewed.v1' && e.data.decision === 'approved') causes.add(e.id);
    if (e.type === 'region.risk-changed.v1') {
      const region = String(e.data.region);
      // The region's group, the republic's and the region's supervisors (their own audience).
      for (const group of [groupOf(region), republic, `grp-supervisors-${region}`]) {
        expect('alert: risk changed', `${e.id}@${group}`, atMostOnce);
      }
    }
  }
  for (const cause of causes) expect('risk scored', cause, exactlyOnce);
  for (const e of monitoringEvents) {
    if (e.type === 'region.risk-scored.v1' && causes.has(e.causationid)) saw('risk scored', e.causationid);
  }
  for (const e of trainingEvents) {
    const mediatorId = String(e.data.mediatorId);
    if (e.type === 'mediator.registered.v1') {
      expect('mediator known to notifications', mediatorId, exactlyOnce);
    }
    if (e.type === 'certification.issued.v1') {
      expect('certification known to case-intake', String(e.data.certificationId), exactlyOnce);
    }
  }

  for await (const s of monitoring.collection<{ caseId: string; kind: string }>('case_signals').find({})) {
    if (s.kind === 'registered' || s.kind === 'escalated') saw(`signal: ${s.kind}`, s.caseId);
  }
  for await (const p of monitoring.collection<{ _id: string }>('case_profiles').find({}))
    saw('case profile', p._id);
  type AlertDoc = {
    sourceType: string;
    sourceSubject: string;
    sourceEventId: string;
    groupId: string;
    escalationLevel: number;
  };
  for await (const a of notifications.collection<AlertDoc>('alerts').find({ escalationLevel: 0 })) {
    if (a.sourceType.startsWith('case.')) saw('alert: case', `${a.sourceSubject}@${a.groupId}`);
    else if (a.sourceType === 'region.risk-changed.v1')
      saw('alert: risk changed', `${a.sourceEventId}@${a.groupId}`);
    else saw(`alert: ${a.sourceType}`, `${a.sourceEventId}@${a.groupId}`);
  }
  for await (const m of notifications.collection<{ _id: string }>('mediator_regions').find({})) {
    saw('mediator known to notifications', m._id);
  }
  type Eligibility = { certifications?: Record<string, { state: string }> };
  for await (const m of intake.collection<Eligibility>('mediator_eligibility').find({})) {
    for (const id of Object.keys(m.certifications ?? {})) saw('certification known to case-intake', id);
  }
  return { expectations, observations };
}

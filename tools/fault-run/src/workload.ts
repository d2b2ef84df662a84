// The steady stream of writes, through the public APIs only: cases registered (some critical, so
// that they alert) and some escalated; mediators registered, enrolled and certified; monitoring
// visits planned, carried out and approved. Several workers run at once until the target number
// of writes has landed; each write goes through a fault as a careful client would (api.ts).
import { randomUUID } from 'node:crypto';
import { dayOf } from '@kelisim/contracts/calendar';
import { districtsOf } from '@kelisim/contracts/reference/regions';
import type { Actor, Api, WriteResult } from './api.ts';
import { type Ledger, landed, type Urgency } from './ledger.ts';

export const workloadRegions = ['750000000', '710000000', '790000000', '630000000'];

export function districtOf(region: string): string {
  const district = districtsOf(region)[0];
  if (!district) throw new Error(`no district in ${region}`);
  return district.kato;
}

export const admin: Actor = { sub: 'fr-admin', roles: ['admin'], regions: ['KZ'] };
const coordinator: Actor = { sub: 'fr-coordinator', roles: ['coordinator'], regions: ['KZ'] };
const mediatorIn = (region: string): Actor => ({
  sub: `fr-registrar-${region}`,
  roles: ['mediator'],
  regions: [region],
});
const supervisor = (role: 'lead' | 'reviewer', region: string): Actor => ({
  sub: `fr-supervisor-${role}-${region}`,
  roles: ['supervisor'],
  regions: [region],
});

type Indicator = { code: string; active?: boolean };

export type WorkloadOptions = {
  concurrency: number;
  /** Asked before each scenario: true once the run has produced enough. */
  enough: () => boolean;
  random?: () => number;
  /** false: no monitoring visits (their writes go to regional-monitoring, which a scale run stops). */
  visits?: boolean;
};

export class Workload {
  private courseId = '';
  private indicators: Indicator[] = [];
  private stopped = false;
  private readonly random: () => number;

  constructor(
    private readonly api: Api,
    readonly ledger: Ledger,
    private readonly options: WorkloadOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  /** The groups that alerts go to, a course to certify on, the indicator catalogue. */
  async prepare(): Promise<void> {
    const seeded = await this.api.repeatable('notifications', admin, 'POST', '/groups/seed', {
      districts: workloadRegions.map(districtOf),
    });
    if (seeded.outcome !== 'ok') throw new Error(`seeding groups answered ${seeded.answer?.status}`);
    const course = await this.api.create(
      'mediator-training',
      coordinator,
      '/courses',
      {
        title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
        modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
        requiredHours: 8,
        passMark: 60,
        validityMonths: 24,
      },
      `course-${randomUUID()}`,
    );
    if (course.outcome !== 'ok') throw new Error('the course could not be created');
    this.courseId = String(course.answer?.json.courseId);
    const lead = supervisor('lead', workloadRegions[0] as string);
    const indicators = await this.api.repeatable('regional-monitoring', lead, 'GET', '/indicators');
    if (indicators.outcome !== 'ok') throw new Error(`the indicators answered ${indicators.answer?.status}`);
    this.indicators = ((indicators.answer?.json.items ?? []) as Indicator[]).filter(
      (i) => i.active !== false,
    );
  }

  /** Runs the workers until `enough()` (or `stop()`). */
  async run(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.concurrency }, () => this.worker()));
  }

  stop(): void {
    this.stopped = true;
  }

  private async worker(): Promise<void> {
    while (!this.stopped && !this.options.enough()) {
      const pick = this.random();
      const region = workloadRegions[Math.floor(this.random() * workloadRegions.length)] as string;
      if (pick < 0.8) await this.aCase(region);
      else if (pick < 0.9 || this.options.visits === false) await this.aCertification(region);
      else await this.aVisit(region);
    }
  }

  private note(result: WriteResult): WriteResult {
    this.ledger.record(result.outcome, result.answer);
    return result;
  }

  private async aCase(region: string): Promise<void> {
    const roll = this.random();
    const urgency: Urgency = roll < 0.25 ? 'critical' : roll < 0.5 ? 'high' : roll < 0.75 ? 'medium' : 'low';
    const district = districtOf(region);
    const registrar = mediatorIn(region);
    const key = randomUUID();
    const created = this.note(
      await this.api.create(
        'case-intake',
        registrar,
        '/cases',
        {
          region,
          district,
          category: 'neighbourhood',
          urgency,
          riskFlags: [],
          description: 'A dispute between neighbours over a shared yard.',
          parties: [
            // Names of their own: the same parties in every case would make each new case a
            // suspected duplicate of all earlier ones in its district.
            {
              kind: 'individual',
              role: 'claimant',
              language: 'kk',
              name: `Айгерим Сейтқали ${key.slice(0, 8)}`,
            },
            {
              kind: 'individual',
              role: 'respondent',
              language: 'ru',
              name: `Ольга Петренко ${key.slice(9, 13)}`,
            },
          ],
        },
        key,
      ),
    );
    const caseId = created.answer?.json.caseId;
    if (created.outcome === 'indeterminate')
      this.ledger.unansweredCaseKeys.add(`case:${registrar.sub}:${key}`);
    if (typeof caseId !== 'string') return;
    const entry = { caseId, region, district, urgency, registered: created.outcome, escalated: null };
    this.ledger.cases.set(caseId, entry);
    if (!landed(created.outcome) || this.random() >= 0.3) return;
    const path = `/cases/${caseId}`;
    const escalated = this.note(
      await this.api.command(
        'case-intake',
        registrar,
        `${path}/escalate`,
        { level: 2, reason: 'violence_risk' },
        { path, etag: created.answer?.etag ?? null },
      ),
    );
    this.ledger.cases.set(caseId, { ...entry, escalated: escalated.outcome });
  }

  private async aCertification(region: string): Promise<void> {
    const registered = this.note(
      await this.api.create(
        'mediator-training',
        coordinator,
        '/mediators',
        {
          userId: `fr-mediator-${randomUUID()}`,
          name: 'Дана Оспанова',
          homeRegion: region,
          languages: ['kk', 'ru'],
        },
        randomUUID(),
      ),
    );
    const mediatorId = registered.answer?.json.mediatorId;
    if (registered.outcome === 'indeterminate' && typeof mediatorId !== 'string')
      this.ledger.unansweredCreations += 1;
    if (typeof mediatorId !== 'string') return;
    const entry = { mediatorId, region, registered: registered.outcome, certified: null };
    this.ledger.mediators.set(mediatorId, entry);
    if (!landed(registered.outcome)) return;
    const enrolment = this.note(
      await this.api.create(
        'mediator-training',
        coordinator,
        '/enrolments',
        { mediatorId, courseId: this.courseId },
        randomUUID(),
      ),
    );
    if (!landed(enrolment.outcome)) return;
    const path = `/enrolments/${String(enrolment.answer?.json.enrolmentId)}`;
    const attended = this.note(
      await this.api.command(
        'mediator-training',
        coordinator,
        `${path}/attendance`,
        { moduleId: 'm1', hours: 8 },
        { path, etag: enrolment.answer?.etag ?? null },
      ),
    );
    if (!landed(attended.outcome)) return;
    const etag = attended.answer?.etag ?? null;
    const assessed = this.note(
      await this.api.command(
        'mediator-training',
        coordinator,
        `${path}/assessment`,
        { score: 82 },
        { path, etag },
      ),
    );
    this.ledger.mediators.set(mediatorId, { ...entry, certified: assessed.outcome });
  }

  private async aVisit(region: string): Promise<void> {
    const lead = supervisor('lead', region);
    const today = dayOf(new Date());
    const planned = this.note(
      await this.api.create(
        'regional-monitoring',
        lead,
        '/visits',
        { region, districts: [districtOf(region)], plannedFrom: today, plannedTo: today, team: [lead.sub] },
        randomUUID(),
      ),
    );
    const visitId = planned.answer?.json.id;
    if (planned.outcome === 'indeterminate' && typeof visitId !== 'string')
      this.ledger.unansweredCreations += 1;
    if (typeof visitId !== 'string' || !landed(planned.outcome)) return;
    const entry = { visitId, region, reviewed: null };
    this.ledger.visits.set(visitId, entry);
    const path = `/visits/${visitId}`;
    const findings = this.indicators.map((i) => ({
      indicator: i.code,
      score: Math.floor(this.random() * 5),
    }));
    let etag = planned.answer?.etag ?? null;
    for (const [step, body] of [
      ['start', {}],
      ['submit', { visitedFrom: today, visitedTo: today, findings }],
    ] as const) {
      const done = this.note(
        await this.api.command('regional-monitoring', lead, `${path}/${step}`, body, { path, etag }),
      );
      if (!landed(done.outcome)) return;
      // After `applied`, the answer is the read that showed it: its ETag is current either way.
      etag = done.answer?.etag ?? null;
    }
    const reviewed = this.note(
      await this.api.command(
        'regional-monitoring',
        supervisor('reviewer', region),
        `${path}/review`,
        { decision: 'approved' },
        { path, etag },
      ),
    );
    this.ledger.visits.set(visitId, { ...entry, reviewed: reviewed.outcome });
  }
}

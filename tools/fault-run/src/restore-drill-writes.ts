// The restore drill's writes: cases registered through case-intake's public API at a steady pace,
// each with an Idempotency-Key and the time it was answered, so that the books can tell which
// were acknowledged before the backup started.
import { randomUUID } from 'node:crypto';
import type { Actor, Api } from './api.ts';
import { districtOf, workloadRegions } from './workload.ts';

export type Registration = {
  key: string;
  startedAt: number;
  answeredAt: number;
  status: number;
  caseId?: string;
};

const registrar = (region: string): Actor => ({
  sub: `rd-registrar-${region}`,
  roles: ['mediator'],
  regions: [region],
});

function caseBody(region: string, key: string) {
  return {
    region,
    district: districtOf(region),
    category: 'neighbourhood',
    urgency: 'medium',
    riskFlags: [],
    description: 'A dispute between neighbours over a shared yard.',
    parties: [
      { kind: 'individual', role: 'claimant', language: 'kk', name: `Айгерим Сейтқали ${key.slice(0, 8)}` },
      { kind: 'individual', role: 'respondent', language: 'ru', name: `Ольга Петренко ${key.slice(9, 13)}` },
    ],
  };
}

export /** Writers registering cases at a steady pace until stopped. */
class Registrations {
  readonly all: Registration[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly api: Api,
    concurrency: number,
  ) {
    this.workers = Array.from({ length: concurrency }, (_, i) => this.worker(i));
  }

  private async worker(index: number): Promise<void> {
    for (let n = index; this.running; n += 1) {
      const region = workloadRegions[n % workloadRegions.length] as string;
      const key = randomUUID();
      const startedAt = Date.now();
      const result = await this.api.create(
        'case-intake',
        registrar(region),
        '/cases',
        caseBody(region, key),
        key,
      );
      const caseId = result.answer?.json.caseId;
      this.all.push({
        key,
        startedAt,
        answeredAt: Date.now(),
        status: result.answer?.status ?? 0,
        ...(typeof caseId === 'string' ? { caseId } : {}),
      });
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

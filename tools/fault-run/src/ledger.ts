// What the clients were told: every write the workload attempted, by the resource it concerns,
// with its outcome. The books compare this with what the services did downstream.
import type { Outcome } from './api.ts';

export type Urgency = 'low' | 'medium' | 'high' | 'critical';

export type CaseEntry = {
  caseId: string;
  region: string;
  district: string;
  urgency: Urgency;
  registered: Outcome;
  escalated: Outcome | null;
};

export type MediatorEntry = {
  mediatorId: string;
  region: string;
  registered: Outcome;
  /** The assessment that completes the course: the certificate is issued with it. */
  certified: Outcome | null;
};

export type VisitEntry = { visitId: string; region: string; reviewed: Outcome | null };

/** Acknowledged or seen to have landed: its effects must exist exactly once. */
export const landed = (outcome: Outcome | null) => outcome === 'ok' || outcome === 'applied';
/** Nobody knows: its effects may exist once, or not at all. */
export const unknown = (outcome: Outcome | null) => outcome === 'indeterminate';

export class Ledger {
  readonly cases = new Map<string, CaseEntry>();
  readonly mediators = new Map<string, MediatorEntry>();
  readonly visits = new Map<string, VisitEntry>();
  /** Registrations never answered: `case:<caller>:<Idempotency-Key>`, as the kit's creations key them. */
  readonly unansweredCaseKeys = new Set<string>();
  /** Creations of mediators and visits never answered: their ids are unknown to the client. */
  unansweredCreations = 0;
  readonly outcomes: Record<Outcome, number> = { ok: 0, applied: 0, failed: 0, indeterminate: 0 };
  /** Failed writes by status and problem code, so that a refusal the run did not expect shows. */
  readonly failures = new Map<string, number>();

  record(outcome: Outcome, answer: { status: number; json: Record<string, unknown> } | null): void {
    this.outcomes[outcome] += 1;
    if (outcome !== 'failed' && outcome !== 'indeterminate') return;
    const key = `${outcome} ${answer?.status ?? 'no answer'} ${String(answer?.json.code ?? '')}`.trim();
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  /** Writes acknowledged or seen to land: the run's measure of progress. */
  get written(): number {
    return this.outcomes.ok + this.outcomes.applied;
  }
}

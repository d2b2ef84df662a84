// Case signals: what the risk index reads from `cases` events. One signal per event, kept by event
// id (so a redelivered event counts once), summarised over a sliding window ending now.
import type { Urgency } from '@kelisim/contracts/reference/case-vocabulary';

export type SignalKind = 'registered' | 'escalated' | 'reopened' | 'other';

export type CaseSignal = {
  eventId: string;
  caseId: string;
  region: string;
  district: string;
  kind: SignalKind;
  /** The case's urgency as the event told it; null for events that do not carry one. */
  urgency: Urgency | null;
  at: Date;
};

export type SignalSummary = {
  /** Distinct cases with any signal in the window. */
  cases: number;
  /** Σ over distinct cases of their highest urgency's weight (critical 1, high 0.5). */
  urgentCases: number;
  /** Escalation events in the window. */
  escalations: number;
};

export const defaultWindowDays = 30;

const urgencyWeight: Record<Urgency, number> = { low: 0, medium: 0, high: 0.5, critical: 1 };

export function windowStart(now: Date, windowDays: number): Date {
  return new Date(now.getTime() - windowDays * 86_400_000);
}

export function summariseSignals(
  signals: readonly CaseSignal[],
  now: Date,
  windowDays: number,
): SignalSummary {
  const start = windowStart(now, windowDays).getTime();
  const inWindow = signals.filter((s) => s.at.getTime() > start && s.at.getTime() <= now.getTime());
  const urgencyByCase = new Map<string, number>();
  for (const signal of inWindow) {
    const weight = signal.urgency ? urgencyWeight[signal.urgency] : 0;
    urgencyByCase.set(signal.caseId, Math.max(urgencyByCase.get(signal.caseId) ?? 0, weight));
  }
  let urgentCases = 0;
  for (const weight of urgencyByCase.values()) urgentCases += weight;
  return {
    cases: urgencyByCase.size,
    urgentCases,
    escalations: inWindow.filter((s) => s.kind === 'escalated').length,
  };
}

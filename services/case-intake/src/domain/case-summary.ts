// The part of a case its events describe: status, profile, counts, mediator, outcome, dates.
// `replaySummary` folds a case's events; it must always equal `summaryOf` the stored state, which
// is what makes the history endpoint an honest audit trail (personal data never is in events).
import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { type KnownEvent, parseEnvelope } from '@kelisim/contracts/events/catalogue';
import type { CaseStatus, OutcomeKind } from '@kelisim/contracts/reference/case-vocabulary';
import { partiesSummary } from './case-events.ts';
import type { CaseState } from './case-types.ts';

export type CaseSummary = {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  region: string;
  district: string;
  category: string;
  urgency: string;
  riskFlags: string[];
  escalationLevel: number;
  partyCount: number;
  consentedCount: number;
  mediatorId: string | null;
  sessionCount: number;
  outcome: OutcomeKind | null;
  followUpDue: string | null;
  followUpDueNotified: boolean;
  followUpResult: string | null;
  closedOn: string | null;
  duplicateCaseIds: string[];
};

export function summaryOf(state: CaseState): CaseSummary {
  return {
    caseId: state.caseId,
    caseNumber: state.caseNumber,
    status: state.status,
    region: state.region,
    district: state.district,
    category: state.category,
    urgency: state.urgency,
    riskFlags: [...state.riskFlags],
    escalationLevel: state.escalationLevel,
    partyCount: partiesSummary(state).partyCount,
    consentedCount: state.parties.filter((party) => party.consent?.consented).length,
    mediatorId: state.mediatorId,
    sessionCount: state.sessions.length,
    outcome: state.outcome?.kind ?? null,
    followUpDue: state.followUpDue,
    followUpDueNotified: state.followUpDueNotified,
    followUpResult: state.followUp?.result ?? null,
    closedOn: state.closedOn,
    duplicateCaseIds: state.duplicateSuspicions.map((suspicion) => suspicion.caseId),
  };
}

function evolve(summary: CaseSummary | null, event: KnownEvent): CaseSummary | null {
  if (event.type === 'case.registered.v1') {
    const d = event.data;
    return {
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      status: 'registered',
      region: d.region,
      district: d.district,
      category: d.category,
      urgency: d.urgency,
      riskFlags: [...d.riskFlags],
      escalationLevel: d.escalationLevel,
      partyCount: d.partyCount,
      consentedCount: 0,
      mediatorId: null,
      sessionCount: 0,
      outcome: null,
      followUpDue: null,
      followUpDueNotified: false,
      followUpResult: null,
      closedOn: null,
      duplicateCaseIds: [],
    };
  }
  if (summary === null) return null;
  switch (event.type) {
    case 'case.screened.v1': {
      const { category, urgency, riskFlags } = event.data;
      return { ...summary, status: 'screening', category, urgency, riskFlags: [...riskFlags] };
    }
    case 'case.declined.v1':
      return { ...summary, status: 'declined' };
    case 'case.referred-out.v1':
      return { ...summary, status: 'referred_out' };
    case 'case.consent-recorded.v1':
      return { ...summary, status: 'awaiting_consent', consentedCount: event.data.consentedCount };
    case 'case.mediator-assigned.v1':
      return {
        ...summary,
        status: summary.status === 'in_mediation' ? 'in_mediation' : 'assigned',
        mediatorId: event.data.mediatorId,
      };
    case 'case.session-held.v1':
      return { ...summary, status: 'in_mediation', sessionCount: event.data.sessionNumber };
    case 'case.escalated.v1':
      return { ...summary, escalationLevel: event.data.escalationLevel };
    case 'case.outcome-recorded.v1':
      return {
        ...summary,
        status: 'outcome',
        outcome: event.data.outcome,
        followUpDue: event.data.followUpDue,
        followUpDueNotified: false,
      };
    case 'case.follow-up-due.v1':
      return { ...summary, followUpDueNotified: true };
    case 'case.followed-up.v1':
      return { ...summary, status: 'follow_up', followUpResult: event.data.result };
    case 'case.closed.v1':
      return { ...summary, status: 'closed', closedOn: event.data.closedOn };
    case 'case.reopened.v1':
      return {
        ...summary,
        status: summary.mediatorId ? 'in_mediation' : 'screening',
        outcome: null,
        followUpDue: null,
        followUpDueNotified: false,
        followUpResult: null,
        closedOn: null,
      };
    case 'case.withdrawn.v1':
      return { ...summary, status: 'withdrawn' };
    case 'case.duplicate-suspected.v1':
      return {
        ...summary,
        duplicateCaseIds: [...summary.duplicateCaseIds, ...event.data.matches.map((match) => match.caseId)],
      };
    default:
      return summary;
  }
}

/** Folds a case's events, in commit order, into its summary; null before `case.registered`. */
export function replaySummary(events: readonly EventEnvelope[]): CaseSummary | null {
  let summary: CaseSummary | null = null;
  for (const raw of events) {
    const parsed = parseEnvelope(raw, { family: 'cases' });
    if (!parsed.ok) throw new Error(`event ${raw.id} does not parse: ${parsed.message}`);
    summary = evolve(summary, parsed.event);
  }
  return summary;
}

// Erasure of personal data (DESIGN.md §7, issue 9). A party who withdraws consent has their
// personal fields erased (name, contacts, user id, community, name hash); once the retention
// period after a case ended has passed, every party's are, and the case's free texts too
// (description, session notes, agreement, follow-up notes), which may name them. What is counted
// stays: parties keep their place, role, kind and language, sessions keep their dates and
// durations, so partyCount, sessionCount and every statistic built from events do not move.
import { addDays, dayOf } from '@kelisim/contracts/calendar';
import type { DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { CaseCommand } from './case-commands.ts';
import type { Decision } from './case-decision.ts';
import { RuleViolationError } from './case-errors.ts';
import { caseEvent, caseRef } from './case-events.ts';
import type { CaseState, Party } from './case-types.ts';

type Command<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

/** The statuses after which nothing happens on a case but reopening. */
export const endedStatuses = ['closed', 'declined', 'referred_out', 'withdrawn'] as const;

/** The day a case ended (closing day, or the day of its last change for the other ends), or null. */
export function endedOn(state: CaseState): string | null {
  if (!(endedStatuses as readonly string[]).includes(state.status)) return null;
  return state.status === 'closed' && state.closedOn !== null
    ? state.closedOn
    : dayOf(new Date(state.updatedAt));
}

/** Whether the retention period has passed and the case still holds personal data. */
export function isRetentionDue(state: CaseState, retentionDays: number, now: Date): boolean {
  const ended = endedOn(state);
  if (ended === null || state.dataErasedAt !== undefined) return false;
  return ended <= addDays(dayOf(now), -retentionDays);
}

function erasedParty(party: Party, at: string): Party {
  return {
    ...party,
    name: null,
    nameHash: null,
    contacts: null,
    userId: null,
    community: null,
    erasedAt: at,
  };
}

function personalFieldsOfParty(party: Party): string[] {
  const present: Array<[string, boolean]> = [
    ['parties.name', party.name !== null],
    ['parties.contacts', party.contacts !== null],
    ['parties.userId', party.userId !== null],
    ['parties.community', party.community !== null],
  ];
  return present.filter(([, held]) => held).map(([field]) => field);
}

function hashesOf(parties: Party[]): string[] {
  return [...new Set(parties.flatMap((party) => (party.nameHash === null ? [] : [party.nameHash])))];
}

const mediationRunning: ReadonlySet<CaseState['status']> = new Set(['assigned', 'in_mediation']);

export function decideWithdrawConsent(
  state: CaseState,
  command: Command<'withdraw-consent'>,
  ctx: DecisionContext,
): Decision {
  const party = state.parties.find((candidate) => candidate.partyId === command.partyId);
  if (!party) {
    throw new RuleViolationError('consent.unknown_party', 'The case has no party with this id.', {
      partyId: command.partyId,
    });
  }
  if (party.erasedAt !== undefined) {
    throw new RuleViolationError('erasure.already_erased', 'This party’s personal data is already erased.', {
      partyId: command.partyId,
    });
  }
  const at = ctx.now.toISOString();
  const withdrawn = {
    ...erasedParty(party, at),
    consent: { consented: false, communityConsent: false, recordedAt: at, recordedBy: ctx.actor },
  };
  const parties = state.parties.map((candidate) =>
    candidate.partyId === party.partyId ? withdrawn : candidate,
  );
  // Mediation rests on every party's consent: a withdrawal stops a running one until it is given anew.
  const mediationPaused = mediationRunning.has(state.status);
  const next: CaseState = {
    ...state,
    parties,
    partyNameHashes: hashesOf(parties),
    ...(mediationPaused ? { status: 'awaiting_consent' as const } : {}),
  };
  const data = {
    ...caseRef(next),
    reason: 'consent_withdrawn' as const,
    partyIds: [party.partyId],
    erasedFields: personalFieldsOfParty(party),
    partyCount: parties.length,
    mediationPaused,
    erasedBy: ctx.actor,
  };
  return { state: next, events: [caseEvent('case.party-data-erased.v1', next, data, ctx)] };
}

export function decideEraseAfterRetention(
  state: CaseState,
  command: Command<'erase-after-retention'>,
  ctx: DecisionContext,
): Decision {
  if (!isRetentionDue(state, command.retentionDays, ctx.now)) {
    throw new RuleViolationError(
      'erasure.not_due',
      'The case is open, within its retention period or already erased.',
    );
  }
  const at = ctx.now.toISOString();
  const texts: Array<[string, boolean]> = [
    ['description', state.description !== null],
    ['sessions.notes', state.sessions.some((session) => session.notes !== null)],
    ['outcome.agreement', (state.outcome?.agreement ?? null) !== null],
    ['followUp.notes', (state.followUp?.notes ?? null) !== null],
  ];
  const erasedFields = [
    ...new Set([
      ...state.parties.flatMap(personalFieldsOfParty),
      ...texts.filter(([, held]) => held).map(([field]) => field),
    ]),
  ];
  const parties = state.parties.map((party) =>
    party.erasedAt === undefined ? erasedParty(party, at) : party,
  );
  const next: CaseState = {
    ...state,
    description: null,
    parties,
    partyNameHashes: [],
    sessions: state.sessions.map((session) => ({ ...session, notes: null })),
    outcome: state.outcome && { ...state.outcome, agreement: null },
    followUp: state.followUp && { ...state.followUp, notes: null },
    dataErasedAt: at,
  };
  const data = {
    ...caseRef(next),
    reason: 'retention_expired' as const,
    partyIds: state.parties.map((party) => party.partyId),
    erasedFields,
    partyCount: parties.length,
    mediationPaused: false,
    erasedBy: ctx.actor,
  };
  return { state: next, events: [caseEvent('case.party-data-erased.v1', next, data, ctx)] };
}

/**
 * An earlier snapshot of the case with what `erased` erased removed too: the commit log keeps a
 * state snapshot per commit (docs/adr/0001), and erasure must reach those as well.
 */
export function redactedSnapshot(snapshot: CaseState, erased: CaseState): CaseState {
  const erasedAt = new Map(
    erased.parties.flatMap((party) =>
      party.erasedAt === undefined ? [] : [[party.partyId, party.erasedAt]],
    ),
  );
  const parties = snapshot.parties.map((party) => {
    const at = erasedAt.get(party.partyId);
    return at === undefined || party.erasedAt !== undefined ? party : erasedParty(party, at);
  });
  const redacted: CaseState = { ...snapshot, parties, partyNameHashes: hashesOf(parties) };
  if (erased.dataErasedAt === undefined) return redacted;
  return {
    ...redacted,
    description: null,
    partyNameHashes: [],
    sessions: snapshot.sessions.map((session) => ({ ...session, notes: null })),
    outcome: snapshot.outcome && { ...snapshot.outcome, agreement: null },
    followUp: snapshot.followUp && { ...snapshot.followUp, notes: null },
  };
}

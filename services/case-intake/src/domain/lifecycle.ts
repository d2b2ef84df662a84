// The case lifecycle (DESIGN.md §5): which command applies in which state. The commands a caller
// sends are listed here; the system's own (follow-up due, duplicate note) are not state changes.
import type { CaseStatus } from '@kelisim/contracts/reference/case-vocabulary';

export const commandNames = [
  'screen',
  'decline',
  'refer-out',
  'record-consent',
  'assign',
  'record-session',
  'escalate',
  'record-outcome',
  'follow-up',
  'close',
  'reopen',
  'withdraw',
] as const;
export type CommandName = (typeof commandNames)[number];

// Escalation and withdrawal apply to every open state; reassignment keeps a running mediation.
const allowed: Readonly<Record<CaseStatus, readonly CommandName[]>> = {
  registered: ['screen', 'escalate', 'withdraw'],
  screening: ['decline', 'refer-out', 'record-consent', 'escalate', 'withdraw'],
  awaiting_consent: ['record-consent', 'assign', 'escalate', 'withdraw'],
  assigned: ['assign', 'record-session', 'escalate', 'withdraw'],
  in_mediation: ['assign', 'record-session', 'record-outcome', 'escalate', 'withdraw'],
  outcome: ['follow-up', 'close', 'escalate', 'withdraw'],
  follow_up: ['close', 'escalate', 'withdraw'],
  closed: ['reopen'],
  declined: [],
  referred_out: [],
  withdrawn: [],
};

export function allowedCommands(status: CaseStatus): readonly CommandName[] {
  return allowed[status];
}

export function isAllowed(status: CaseStatus, command: CommandName): boolean {
  return allowed[status].includes(command);
}

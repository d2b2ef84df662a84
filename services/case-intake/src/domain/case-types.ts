// The case as this service stores it: plain data, no behaviour. Personal fields arrive already
// sealed (encrypted at the edge, DESIGN.md §7): the domain moves them around but never reads them.
import type {
  CaseCategory,
  CaseStatus,
  EscalationLevel,
  FollowUpResult,
  OutcomeKind,
  PartyKind,
  PartyRole,
  RiskFlag,
  SessionKind,
  Urgency,
} from '@kelisim/contracts/reference/case-vocabulary';
import type { Language } from '@kelisim/contracts/reference/people-vocabulary';

/** An encrypted value (the kit's EncryptedField); opaque to the domain. */
export type Sealed = { readonly k: string; readonly iv: string; readonly ct: string; readonly tag: string };

export type Consent = {
  consented: boolean;
  /** Whether the party agreed to their community (ethnicity) being recorded. */
  communityConsent: boolean;
  recordedAt: string;
  recordedBy: string;
};

export type Party = {
  partyId: string;
  kind: PartyKind;
  role: PartyRole;
  language: Language;
  /** Recorded only while the party consents to it (DESIGN.md §7). */
  community: string | null;
  /** The party's pseudonymous platform user id when they have one: a mediator may not mediate their own case. */
  userId: string | null;
  /** Null once erased (consent withdrawn, or the retention period passed). */
  name: Sealed | null;
  /** Keyed hash of the normalised name, for duplicate detection without decrypting; null once erased. */
  nameHash: string | null;
  contacts: Sealed | null;
  consent: Consent | null;
  /** When this party's personal fields were erased; absent while they are held. */
  erasedAt?: string;
};

export type Session = {
  sessionId: string;
  number: number;
  kind: SessionKind;
  heldOn: string;
  durationMinutes: number;
  attendeePartyIds: string[];
  otherAttendeeCount: number;
  notes: Sealed | null;
  mediatorId: string;
  /** The partner whose premises hosted it (issue 27). */
  venuePartnerId?: string | null;
  /** Partner organisations' members present, counted, never named. */
  partnerParticipants?: { partnerId: string; count: number }[];
};

export type Outcome = {
  kind: OutcomeKind;
  agreement: Sealed | null;
  recordedOn: string;
};

export type FollowUp = { followedUpOn: string; result: FollowUpResult; notes: Sealed | null };

export type DuplicateSuspicion = {
  caseId: string;
  caseNumber: string;
  overlappingParties: number;
  at: string;
};

export type CaseState = {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  region: string;
  district: string;
  locality: string | null;
  category: CaseCategory;
  urgency: Urgency;
  riskFlags: RiskFlag[];
  description: Sealed | null;
  parties: Party[];
  /** Every party's name hash, at the top level so that one index serves duplicate lookups. */
  partyNameHashes: string[];
  sessions: Session[];
  mediatorId: string | null;
  /** The assigned mediator's login (token `sub`): what "my cases" is scoped by. */
  mediatorUserId: string | null;
  outcome: Outcome | null;
  followUpDue: string | null;
  followUpDueNotified: boolean;
  followUp: FollowUp | null;
  escalationLevel: EscalationLevel;
  escalationReason: string | null;
  /** The days the case was escalated on, oldest first (absent on cases never escalated since). */
  escalatedOn?: string[];
  closureReason: string | null;
  /** The partner a referral out sent the case to (issue 27). */
  referralPartnerId?: string | null;
  /** The certified supervisor of a volunteer mediator (issue 27). */
  supervisorId?: string | null;
  duplicateSuspicions: DuplicateSuspicion[];
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
  closedOn: string | null;
  /** When the retention sweep erased the case's personal data; absent while it is held. */
  dataErasedAt?: string;
};

/** States from which nothing but reopen (closed) or nothing at all follows. */
export const terminalStatuses: readonly CaseStatus[] = ['closed', 'declined', 'referred_out', 'withdrawn'];

export function isOpen(status: CaseStatus): boolean {
  return !terminalStatuses.includes(status);
}

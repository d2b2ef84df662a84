// The commands a case accepts, already validated at the edge and with personal fields sealed.
import type {
  CaseCategory,
  EscalationLevel,
  FollowUpResult,
  OutcomeKind,
  RiskFlag,
  SessionKind,
  Urgency,
} from '@kelisim/contracts/reference/case-vocabulary';
import type { DuplicateSuspicion, Sealed } from './case-types.ts';
import type { MediatorEligibility } from './mediator-eligibility.ts';
import type { PartnerLookup } from './partner-reference.ts';

export type CaseCommand =
  | { type: 'screen'; category?: CaseCategory; urgency?: Urgency; riskFlags?: RiskFlag[] }
  | { type: 'decline'; reason: string }
  /** `partners` is the directory's read model for the partner ids the command names. */
  | {
      type: 'refer-out';
      reason: string;
      referredTo: string;
      partnerId?: string | null;
      partners?: PartnerLookup;
    }
  | {
      type: 'record-consent';
      partyId: string;
      consented: boolean;
      communityConsent: boolean;
      community: string | null;
    }
  /** `mediator` is the read model's entry for `mediatorId`, or null when it holds none. */
  | {
      type: 'assign';
      mediatorId: string;
      mediator: MediatorEligibility | null;
      /** A volunteer's certified supervisor: the read model's entry, or null when none is named or known. */
      supervisorId?: string | null;
      supervisor?: MediatorEligibility | null;
    }
  | {
      type: 'record-session';
      kind: SessionKind;
      heldOn: string;
      durationMinutes: number;
      attendeePartyIds: string[];
      otherAttendeeCount: number;
      notes: Sealed | null;
      venuePartnerId?: string | null;
      partnerParticipants?: { partnerId: string; count: number }[];
      partners?: PartnerLookup;
    }
  | { type: 'escalate'; level: EscalationLevel; reason: string }
  | { type: 'record-outcome'; outcome: OutcomeKind; agreement: Sealed | null; followUpDue: string | null }
  | { type: 'follow-up'; followedUpOn: string; result: FollowUpResult; notes: Sealed | null }
  | { type: 'close' }
  | { type: 'reopen'; reason: string }
  | { type: 'withdraw'; reason: string }
  // The system's own: the sweep and duplicate detection. Neither changes the status.
  | { type: 'mark-follow-up-due' }
  | { type: 'note-duplicate'; matches: DuplicateSuspicion[]; windowDays: number }
  // Privacy (issue 9): in any state, even closed; never undone.
  | { type: 'withdraw-consent'; partyId: string }
  | { type: 'erase-after-retention'; retentionDays: number };

// The shapes the console's views share: the signed-in session and the resources the APIs answer,
// kept apart from the page files so that pages import types, not each other.
import type { visitStatuses } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { CaseCommand } from './case-words.ts';
import type { VisitCommandName } from './visit-words.ts';

export type Session = {
  sub: string;
  /** The person's name from the identity provider's token (`name`, else `preferred_username`). */
  name?: string;
  roles: string[];
  regions: string[];
  groups: string[];
};

export type CaseParty = {
  partyId: string;
  kind: string;
  role: string;
  language: string;
  name: string | null;
  consent: { consented: boolean } | null;
};
/** A mediation session as case-intake shows it, with the partners it names (issue 27). */
export type CaseSession = {
  sessionId: string;
  number: number;
  kind: string;
  heldOn: string;
  venuePartnerId?: string | null;
  partnerParticipants?: { partnerId: string; count: number }[];
};

export type CaseView = {
  caseId: string;
  caseNumber: string;
  version: number;
  status: string;
  allowedCommands: CaseCommand[];
  region: string;
  district: string;
  category: string;
  urgency: string;
  riskFlags: string[];
  personalData: boolean;
  description: string | null;
  parties: CaseParty[];
  mediatorId: string | null;
  /** `writtenAgreement`: an agreement was written down, so it can be printed to be signed. */
  outcome: { kind: string; writtenAgreement: boolean } | null;
  escalationLevel: 0 | 1 | 2 | 3;
  escalationReason: string | null;
  followUpDue: string | null;
  registeredAt: string;
  sessions: CaseSession[];
  /** The partner a referral out sent the case to (issue 27). */
  referralPartnerId: string | null;
};

export type VisitItem = {
  id: string;
  region: string;
  districts: string[];
  status: (typeof visitStatuses.values)[number];
  plannedFrom: string;
  plannedTo: string;
  team: string[];
};

export type Visit = VisitItem & {
  version: number;
  leadSupervisorId: string;
  findings: { indicator: string; score: number; note: string | null }[];
  findingsScore: number | null;
  overallAssessment: string | null;
  reviews: {
    decision: 'approved' | 'returned';
    comment: string | null;
    reviewedBy: string;
    reviewedAt: string;
  }[];
  allowedCommands: string[];
  /** The partners of the Assembly's network the visit met (issue 27). */
  partnersMet: string[];
};

export type VisitCommand = (path: VisitCommandName, body: object) => Promise<boolean>;

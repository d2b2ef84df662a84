// What a caller sees of a case. Personal fields are decrypted only for callers allowed to see
// them (case-scope.ts); for others they are null and `personalData` says so. Lists never carry
// personal data, so a page of cases decrypts nothing.
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { Sealed } from '../domain/case-types.ts';
import { allowedCommands } from '../domain/lifecycle.ts';
import type { StoredCase } from '../store/case-store.ts';

type Open = (value: Sealed | null) => string | null;

export function caseView(stored: StoredCase, cipher: FieldCipher, showPersonal: boolean) {
  const open: Open = (value) => (value === null || !showPersonal ? null : cipher.decrypt(value));
  return {
    caseId: stored._id,
    caseNumber: stored.caseNumber,
    version: stored.version,
    status: stored.status,
    allowedCommands: allowedCommands(stored.status),
    region: stored.region,
    district: stored.district,
    locality: stored.locality,
    category: stored.category,
    urgency: stored.urgency,
    riskFlags: stored.riskFlags,
    personalData: showPersonal,
    description: open(stored.description),
    parties: stored.parties.map((party) => ({
      partyId: party.partyId,
      kind: party.kind,
      role: party.role,
      language: party.language,
      community: party.community,
      userId: showPersonal ? party.userId : null,
      name: open(party.name),
      contacts: open(party.contacts),
      consent: party.consent,
    })),
    sessions: stored.sessions.map(({ notes, ...session }) => ({ ...session, notes: open(notes) })),
    mediatorId: stored.mediatorId,
    outcome: stored.outcome && {
      kind: stored.outcome.kind,
      recordedOn: stored.outcome.recordedOn,
      writtenAgreement: stored.outcome.agreement !== null,
      agreement: open(stored.outcome.agreement),
    },
    followUpDue: stored.followUpDue,
    followUpDueNotified: stored.followUpDueNotified,
    followUp: stored.followUp && { ...stored.followUp, notes: open(stored.followUp.notes) },
    escalationLevel: stored.escalationLevel,
    escalationReason: stored.escalationReason,
    closureReason: stored.closureReason,
    referralPartnerId: stored.referralPartnerId ?? null,
    duplicateSuspicions: stored.duplicateSuspicions,
    registeredAt: stored.registeredAt,
    registeredBy: stored.registeredBy,
    updatedAt: stored.updatedAt,
    closedOn: stored.closedOn,
  };
}

export function caseListItem(stored: StoredCase) {
  return {
    caseId: stored._id,
    caseNumber: stored.caseNumber,
    version: stored.version,
    status: stored.status,
    region: stored.region,
    district: stored.district,
    category: stored.category,
    urgency: stored.urgency,
    escalationLevel: stored.escalationLevel,
    partyCount: stored.parties.length,
    mediatorId: stored.mediatorId,
    followUpDue: stored.followUpDue,
    duplicateSuspected: stored.duplicateSuspicions.length > 0,
    registeredAt: stored.registeredAt,
    updatedAt: stored.updatedAt,
  };
}

/** The personal fields a view of the case decrypts (names only): what a read's audit record lists. */
export function personalFieldsOf(stored: StoredCase): string[] {
  const present: Array<[string, boolean]> = [
    ['description', stored.description !== null],
    ['parties.name', stored.parties.some((party) => party.name !== null)],
    ['parties.contacts', stored.parties.some((party) => party.contacts !== null)],
    ['parties.userId', stored.parties.some((party) => party.userId !== null)],
    ['sessions.notes', stored.sessions.some((session) => session.notes !== null)],
    ['outcome.agreement', (stored.outcome?.agreement ?? null) !== null],
    ['followUp.notes', (stored.followUp?.notes ?? null) !== null],
  ];
  return present.filter(([, shown]) => shown).map(([field]) => field);
}

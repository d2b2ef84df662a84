// Who may mediate a case (DESIGN.md §5, flow 2): every party consented, and a mediator who is
// active, holds a valid certification today, covers the case's region, speaks a language of the
// parties and is not one of them. A volunteer (issue 27) needs no certification of their own but
// takes only low- and medium-urgency cases, with a certified mediator who could be assigned the
// case as supervisor. Every failed condition is named, not just the first.
import { partyLanguages } from './case-events.ts';
import type { CaseState } from './case-types.ts';
import { coversRegion, hasValidCertification, type MediatorEligibility } from './mediator-eligibility.ts';

export type AssignmentCondition =
  | 'mediator_known'
  | 'mediator_active'
  | 'all_parties_consented'
  | 'valid_certification'
  | 'covers_region'
  | 'speaks_party_language'
  | 'not_a_party'
  | 'volunteer_urgency'
  | 'certified_supervisor';

const volunteerUrgencies: readonly string[] = ['low', 'medium'];

export function failedAssignmentConditions(
  state: CaseState,
  mediator: MediatorEligibility | null,
  day: string,
  supervisor: MediatorEligibility | null = null,
): AssignmentCondition[] {
  const failed: AssignmentCondition[] = [];
  if (!state.parties.every((party) => party.consent?.consented === true))
    failed.push('all_parties_consented');
  if (mediator === null) return ['mediator_known', ...failed];
  if (mediator.status !== 'active') failed.push('mediator_active');
  if (mediator.kind === 'volunteer') {
    if (!volunteerUrgencies.includes(state.urgency)) failed.push('volunteer_urgency');
    if (!isCertifiedSupervisor(state, supervisor, mediator, day)) failed.push('certified_supervisor');
  } else if (!hasValidCertification(mediator, day)) failed.push('valid_certification');
  if (!coversRegion(mediator, state.region)) failed.push('covers_region');
  const languages = partyLanguages(state);
  if (!mediator.languages.some((language) => (languages as string[]).includes(language))) {
    failed.push('speaks_party_language');
  }
  const partyUsers = state.parties.map((party) => party.userId).filter((id) => id !== null);
  if (mediator.userId !== null && partyUsers.includes(mediator.userId)) failed.push('not_a_party');
  return failed;
}

/** A supervisor is a certified, active mediator with a valid certification in the case's region. */
function isCertifiedSupervisor(
  state: CaseState,
  supervisor: MediatorEligibility | null,
  volunteer: MediatorEligibility,
  day: string,
): boolean {
  return (
    supervisor !== null &&
    supervisor.mediatorId !== volunteer.mediatorId &&
    supervisor.kind === 'certified' &&
    supervisor.status === 'active' &&
    hasValidCertification(supervisor, day) &&
    coversRegion(supervisor, state.region)
  );
}

export type MediatorConditions = {
  /** `kind` tells the picker that a volunteer needs a supervisor named with the assignment. */
  eligible: { mediatorId: string; kind: MediatorEligibility['kind'] }[];
  notOffered: { mediatorId: string; reasons: AssignmentCondition[] }[];
};

/**
 * Of the mediators who might serve a case, those who may be assigned and, for the others, every
 * condition of their own they fail. The parties' consent is the case's, not a mediator's: it
 * decides whether assignment is possible at all, not who is offered.
 */
export function mediatorsForCase(
  state: CaseState,
  mediators: readonly MediatorEligibility[],
  day: string,
): MediatorConditions {
  const answer: MediatorConditions = { eligible: [], notOffered: [] };
  for (const mediator of [...mediators].sort((a, b) => a.mediatorId.localeCompare(b.mediatorId))) {
    // The supervisor is chosen with the assignment: a picker offers volunteers before it is named.
    const reasons = failedAssignmentConditions(state, mediator, day).filter(
      (condition) => condition !== 'all_parties_consented' && condition !== 'certified_supervisor',
    );
    if (reasons.length === 0) answer.eligible.push({ mediatorId: mediator.mediatorId, kind: mediator.kind });
    else answer.notOffered.push({ mediatorId: mediator.mediatorId, reasons });
  }
  return answer;
}

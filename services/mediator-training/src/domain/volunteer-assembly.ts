// A volunteer mediator comes from the Assembly's youth or student assemblies (issue 27): the
// volunteer names their assembly from the partner directory, which this service keeps itself
// (docs/adr/0023), and only volunteers name one. Each refusal names the field, `partnerId`.
import {
  type PartnerKind,
  type PartnerStatus,
  volunteerPartnerKinds,
} from '@kelisim/contracts/reference/partner-vocabulary';
import type { MediatorKind } from '@kelisim/contracts/reference/people-vocabulary';
import { UnprocessableError } from '@kelisim/service-kit/errors';

/** What the directory holds of the partner a profile names; null when it holds none. */
export type AssemblyRecord = { kind: PartnerKind; status: PartnerStatus } | null;

const field = 'partnerId';

/** Throws unless a volunteer names an active youth or student assembly and no one else names any. */
export function checkVolunteerAssembly(
  profile: { kind: MediatorKind; partnerId: string | null },
  assembly: AssemblyRecord,
): void {
  if (profile.kind === 'certified') {
    if (profile.partnerId !== null) {
      throw new UnprocessableError(
        'mediator.assembly_for_volunteers_only',
        `${field}: only a volunteer mediator names a youth or student assembly.`,
        { field },
      );
    }
    return;
  }
  if (profile.partnerId === null) {
    throw new UnprocessableError(
      'mediator.volunteer_without_assembly',
      `${field}: a volunteer mediator names their youth or student assembly.`,
      { field },
    );
  }
  if (assembly === null || assembly.status !== 'active') {
    throw new UnprocessableError(
      'mediator.assembly_unknown',
      `${field}: no active partner with this id is in the directory.`,
      { field, partnerId: profile.partnerId },
    );
  }
  if (!volunteerPartnerKinds.includes(assembly.kind)) {
    throw new UnprocessableError(
      'mediator.assembly_not_youth_or_student',
      `${field}: a volunteer's partner must be a youth or student assembly, not a ${assembly.kind}.`,
      { field, partnerId: profile.partnerId, partnerKind: assembly.kind },
    );
  }
}

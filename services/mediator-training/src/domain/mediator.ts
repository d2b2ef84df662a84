// The mediator registry entry: who the mediator is (encrypted before it reaches the domain), where
// they work, in which languages and on which case categories. Its events carry the full profile
// that case-intake needs for eligibility, never the person.
import type { CaseCategory } from '@kelisim/contracts/reference/case-vocabulary';
import type { Language, MediatorKind, MediatorStatus } from '@kelisim/contracts/reference/people-vocabulary';
import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import { eventOf } from './decision.ts';
import { type AssemblyRecord, checkVolunteerAssembly } from './volunteer-assembly.ts';

/** Personal data, stored only as ciphertext (DESIGN.md §7). */
export type EncryptedPerson = { name: EncryptedField; contacts: EncryptedField | null };

export type MediatorProfile = {
  homeRegion: string;
  regions: string[];
  languages: Language[];
  specialisations: CaseCategory[];
  status: MediatorStatus;
  /** Certified professional or volunteer (issue 27); records kept before it are certified. */
  kind?: MediatorKind;
  /** A volunteer's youth or student assembly. */
  partnerId?: string | null;
};

export type MediatorState = MediatorProfile & {
  mediatorId: string;
  /** The mediator's login (token `sub`): how a mediator finds their own record. */
  userId: string;
  person: EncryptedPerson;
  /** Keyed hash of the normalised name, for lookups without decrypting. */
  nameHash: string;
  registeredAt: string;
  updatedAt: string;
};

/** `assembly` is the directory's record of the partner the profile names, null when none. */
export type RegisterMediator = MediatorProfile & {
  mediatorId: string;
  userId: string;
  person: EncryptedPerson;
  nameHash: string;
  assembly: AssemblyRecord;
};

/** `assembly` is the directory's record of the partner the profile names once edited (profileAfter). */
export type UpdateMediator = Partial<MediatorProfile> & {
  person?: EncryptedPerson;
  nameHash?: string;
  assembly: AssemblyRecord;
};

/** The home region is always covered, each region and value once, in a stable order. */
function normalise(profile: MediatorProfile): MediatorProfile {
  const unique = <T extends string>(values: readonly T[]) => [...new Set(values)].sort();
  return {
    ...profile,
    regions: unique([profile.homeRegion, ...profile.regions]),
    languages: unique(profile.languages),
    specialisations: unique(profile.specialisations),
  };
}

function profileOf(state: MediatorState) {
  return {
    mediatorId: state.mediatorId,
    userId: state.userId,
    homeRegion: state.homeRegion,
    regions: state.regions,
    languages: state.languages,
    specialisations: state.specialisations,
    status: state.status,
    kind: state.kind ?? 'certified',
    partnerId: state.partnerId ?? null,
  };
}

export function registerMediator(command: RegisterMediator, ctx: DecisionContext): Decision<MediatorState> {
  const { assembly, ...profile } = command;
  const kind = profile.kind ?? 'certified';
  const partnerId = profile.partnerId ?? null;
  checkVolunteerAssembly({ kind, partnerId }, assembly);
  const at = ctx.now.toISOString();
  const state: MediatorState = {
    ...normalise({ ...profile, kind, partnerId }),
    mediatorId: command.mediatorId,
    userId: command.userId,
    person: command.person,
    nameHash: command.nameHash,
    registeredAt: at,
    updatedAt: at,
  };
  const target = { subject: state.mediatorId, region: state.homeRegion };
  return { state, events: [eventOf('mediator.registered.v1', profileOf(state), target, ctx)] };
}

/** The profile an edit leaves: what the route looks the named assembly up by before deciding. */
export function profileAfter(state: MediatorState, command: Partial<MediatorProfile>) {
  const kind = command.kind ?? state.kind ?? 'certified';
  return normalise({
    homeRegion: command.homeRegion ?? state.homeRegion,
    // A new home region joins the covered ones (normalise adds it); none are dropped unasked.
    regions: command.regions ?? state.regions,
    languages: command.languages ?? state.languages,
    specialisations: command.specialisations ?? state.specialisations,
    status: command.status ?? state.status,
    kind,
    // A volunteer who becomes certified leaves their assembly unless the edit names one.
    partnerId:
      command.partnerId !== undefined
        ? command.partnerId
        : kind === 'certified'
          ? null
          : (state.partnerId ?? null),
  });
}

/**
 * An edit of the person alone publishes nothing: consumers never see the person. The assembly is
 * checked when the edit changes the kind or the assembly, so that an assembly closed since does not
 * block an unrelated edit.
 */
export function updateMediator(
  state: MediatorState,
  command: UpdateMediator,
  ctx: DecisionContext,
): Decision<MediatorState> {
  const profile = profileAfter(state, command);
  const kind = profile.kind ?? 'certified';
  const partnerId = profile.partnerId ?? null;
  if (kind !== (state.kind ?? 'certified') || partnerId !== (state.partnerId ?? null)) {
    checkVolunteerAssembly({ kind, partnerId }, command.assembly);
  }
  const next: MediatorState = {
    ...state,
    ...profile,
    person: command.person ?? state.person,
    nameHash: command.nameHash ?? state.nameHash,
    updatedAt: ctx.now.toISOString(),
  };
  const changed = JSON.stringify(profileOf(next)) !== JSON.stringify(profileOf(state));
  const target = { subject: next.mediatorId, region: next.homeRegion };
  return {
    state: next,
    events: changed ? [eventOf('mediator.updated.v1', profileOf(next), target, ctx)] : [],
  };
}

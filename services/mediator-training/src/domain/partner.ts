// A partner of the Assembly's network in the directory (issue 27, docs/adr/0023): its kind, names,
// territory, the communities an association represents, and a contact person who is personal data,
// sealed before it reaches the domain. Its events carry what other services check references
// against (kind, territory, communities, status), never the names or the contact person.
import type { Community, PartnerKind, PartnerStatus } from '@kelisim/contracts/reference/partner-vocabulary';
import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { EncryptedField } from '@kelisim/service-kit/field-crypto';
import { eventOf } from './decision.ts';

export type PartnerNames = { kk: string; ru: string };

export type PartnerProfile = {
  kind: PartnerKind;
  names: PartnerNames;
  region: string;
  district: string | null;
  communities: Community[];
  status: PartnerStatus;
};

export type PartnerState = PartnerProfile & {
  partnerId: string;
  /** The contact person (name, position, phone, e-mail) as one ciphertext; null when none is known. */
  contactPerson: EncryptedField | null;
  createdAt: string;
  updatedAt: string;
};

export type RegisterPartner = PartnerProfile & { partnerId: string; contactPerson: EncryptedField | null };

/** Fields left out keep their value; `contactPerson: null` removes the contact person. */
export type UpdatePartner = Partial<PartnerProfile> & { contactPerson?: EncryptedField | null };

function snapshotOf(state: PartnerState) {
  return {
    partnerId: state.partnerId,
    kind: state.kind,
    region: state.region,
    district: state.district,
    communities: state.communities,
    status: state.status,
  };
}

function target(state: PartnerState) {
  return { subject: state.partnerId, region: state.region };
}

export function registerPartner(command: RegisterPartner, ctx: DecisionContext): Decision<PartnerState> {
  const at = ctx.now.toISOString();
  const state: PartnerState = {
    ...command,
    communities: [...new Set(command.communities)].sort(),
    createdAt: at,
    updatedAt: at,
  };
  return { state, events: [eventOf('partner.registered.v1', snapshotOf(state), target(state), ctx)] };
}

/** A change of names or of the contact person alone publishes nothing: consumers keep neither. */
export function updatePartner(
  state: PartnerState,
  command: UpdatePartner,
  ctx: DecisionContext,
): Decision<PartnerState> {
  const region = command.region ?? state.region;
  const next: PartnerState = {
    ...state,
    kind: command.kind ?? state.kind,
    names: command.names ?? state.names,
    region,
    // A move to another region drops a district that was not restated.
    district:
      command.district !== undefined ? command.district : region === state.region ? state.district : null,
    communities: command.communities ? [...new Set(command.communities)].sort() : state.communities,
    status: command.status ?? state.status,
    contactPerson: command.contactPerson !== undefined ? command.contactPerson : state.contactPerson,
    updatedAt: ctx.now.toISOString(),
  };
  const changed = JSON.stringify(snapshotOf(next)) !== JSON.stringify(snapshotOf(state));
  return {
    state: next,
    events: changed ? [eventOf('partner.updated.v1', snapshotOf(next), target(next), ctx)] : [],
  };
}

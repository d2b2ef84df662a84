// The partner directory as a consuming service needs it (issue 27, docs/adr/0023): kind, territory
// and status of each partner of the Assembly's network, from mediator-training's `partner.*`
// events, read when a command names a partner. Each event carries the whole snapshot and one
// partner's events share a partition, so an upsert by id is idempotent and in order. Names and
// the contact person are never on the bus, so never here.
import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { PartnerKind, PartnerStatus } from '@kelisim/contracts/reference/partner-vocabulary';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { EventHandler, EventOfType } from './consumer.ts';
import { nativeCollection } from './mongo.ts';

export type PartnerReference = {
  partnerId: string;
  kind: PartnerKind;
  region: string;
  district: string | null;
  status: PartnerStatus;
};

/** The directory's answer for the ids a command names; an id it does not know is absent. */
export type PartnerLookup = ReadonlyMap<string, PartnerReference>;

type PartnerDocument = Omit<PartnerReference, 'partnerId'> & { _id: string };

export class PartnerReadModel {
  private readonly partners: Collection<PartnerDocument>;

  constructor(connection: Connection) {
    this.partners = nativeCollection<PartnerDocument>(connection, 'partner_directory');
  }

  async save({
    partnerId,
    kind,
    region,
    district,
    status,
  }: EventData<'partner.registered.v1'>): Promise<void> {
    await this.partners.updateOne(
      { _id: partnerId },
      { $set: { kind, region, district, status } },
      { upsert: true },
    );
  }

  /** The partners of `ids` this service knows, by id (an `_id` `$in`, which the index answers). */
  async find(ids: readonly string[]): Promise<Map<string, PartnerReference>> {
    if (ids.length === 0) return new Map();
    const docs = await this.partners.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return new Map(docs.map(({ _id, ...partner }) => [_id, { partnerId: _id, ...partner }]));
  }
}

/** partner.registered and partner.updated carry the whole snapshot: it replaces what is held. */
export function onPartnerChanged<T extends 'partner.registered.v1' | 'partner.updated.v1'>(
  partners: PartnerReadModel,
): EventHandler<T> {
  return async (event) => {
    await partners.save((event as EventOfType<'partner.registered.v1' | 'partner.updated.v1'>).data);
  };
}

export type PartnerRefusal = 'partner.unknown' | 'partner.out_of_territory';

/**
 * Why a reference to `partnerId` from a case or visit of `region` is refused: unknown to the
 * directory or no longer active, or working in another region; null when it is accepted.
 */
export function partnerRefusal(
  lookup: PartnerLookup,
  partnerId: string,
  region: string,
): PartnerRefusal | null {
  const partner = lookup.get(partnerId);
  if (partner?.status !== 'active') return 'partner.unknown';
  if (partner.region !== region) return 'partner.out_of_territory';
  return null;
}

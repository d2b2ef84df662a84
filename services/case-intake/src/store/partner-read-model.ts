// The partner directory as case-intake needs it (issue 27, docs/adr/0023): kind, territory and
// status of each partner, from `partner.*` events, read when a referral, a venue or participants
// name a partner. Each event carries the whole snapshot and one partner's events share a
// partition, so an upsert by id is idempotent and in order.
import type { EventData } from '@kelisim/contracts/events/catalogue';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { PartnerReference } from '../domain/partner-reference.ts';

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

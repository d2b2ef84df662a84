// The delivery log: one record per alert, channel and recipient for the channels that leave the
// service (webhook, e-mail), with every attempt. Pending records are retried by a job; claiming
// one moves its next attempt forward, so two instances never send the same attempt.
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

export type OutboundChannel = 'webhook' | 'email';

export type DeliveryAttempt = { at: Date; ok: boolean; detail: string };

export type DeliveryRecord = {
  _id: string;
  alertId: string;
  groupId: string;
  channel: OutboundChannel;
  recipientId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  log: DeliveryAttempt[];
  createdAt: Date;
  deliveredAt: Date | null;
};

/** `round`: a later notice of the same alert (its severity rose), delivered on its own. */
export function deliveryId(
  alertId: string,
  channel: OutboundChannel,
  recipientId: string,
  round?: string,
): string {
  return round ? `${alertId}:${round}:${channel}:${recipientId}` : `${alertId}:${channel}:${recipientId}`;
}

export class DeliveriesStore {
  readonly collection: Collection<DeliveryRecord>;

  constructor(connection: Connection) {
    this.collection = nativeCollection<DeliveryRecord>(connection, 'deliveries');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ status: 1, nextAttemptAt: 1 });
    await this.collection.createIndex({ alertId: 1 });
  }

  /** Adds the records that do not exist yet (a redelivered event adds none). */
  async enqueue(
    alertId: string,
    groupId: string,
    targets: readonly { channel: OutboundChannel; recipientId: string }[],
    now: Date,
    round?: string,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const { channel, recipientId } of targets) {
      const _id = deliveryId(alertId, channel, recipientId, round);
      try {
        await this.collection.insertOne({
          _id,
          alertId,
          groupId,
          channel,
          recipientId,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          log: [],
          createdAt: now,
          deliveredAt: null,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      ids.push(_id);
    }
    return ids;
  }

  async due(now: Date, limit: number): Promise<DeliveryRecord[]> {
    return this.collection
      .find({ status: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Takes the record for one attempt; null when it is not due or another instance took it. */
  async claim(id: string, now: Date, leaseMs: number): Promise<DeliveryRecord | null> {
    return this.collection.findOneAndUpdate(
      { _id: id, status: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + leaseMs) } },
      { returnDocument: 'after' },
    );
  }

  async recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    outcome: { status: DeliveryRecord['status']; nextAttemptAt: Date },
  ): Promise<void> {
    await this.collection.updateOne(
      { _id: id },
      {
        $push: { log: attempt },
        $inc: { attempts: 1 },
        $set: {
          status: outcome.status,
          nextAttemptAt: outcome.nextAttemptAt,
          ...(outcome.status === 'delivered' ? { deliveredAt: attempt.at } : {}),
        },
      },
    );
  }

  async forAlert(alertId: string): Promise<DeliveryRecord[]> {
    return this.collection.find({ alertId }).sort({ _id: 1 }).toArray();
  }
}

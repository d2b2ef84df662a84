// `Idempotency-Key` on registration: the key is claimed (unique _id per caller and key) before the
// case is written, so two concurrent retries cannot both create a case; the loser reads the winner's.
// A claim is never released: a retry after a failure registers under the claimed case id.
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

type IdempotencyRecord = { _id: string; caseId: string; createdAt: Date };

export class IdempotencyKeys {
  private readonly keys: Collection<IdempotencyRecord>;

  constructor(connection: Connection) {
    this.keys = nativeCollection<IdempotencyRecord>(connection, 'idempotency_keys');
  }

  /** Claims the key for `caseId`; answers the case id already holding it, or null when claimed now. */
  async claim(caller: string, key: string, caseId: string, now: Date): Promise<string | null> {
    const _id = `${caller}:${key}`;
    try {
      await this.keys.insertOne({ _id, caseId, createdAt: now });
      return null;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.keys.findOne({ _id });
      return existing?.caseId ?? null;
    }
  }
}

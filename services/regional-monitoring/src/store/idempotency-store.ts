// Idempotency-Key bookkeeping: which request body a key was first used with. A retry with the same
// body finds the resource the first attempt created (its id derives from the key); the same key
// with another body is a client bug, answered 422 rather than silently returning the wrong thing.
import { createHash } from 'node:crypto';
import { UnprocessableError } from '@kelisim/service-kit/errors';
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Connection } from 'mongoose';

type KeyUse = { _id: string; fingerprint: string; firstUsedAt: Date };

export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

export class IdempotencyStore {
  private readonly uses;

  constructor(connection: Connection) {
    this.uses = nativeCollection<KeyUse>(connection, 'idempotency_keys');
  }

  /** Records the first use of the key for `resourceId`; throws 422 if it was used with another body. */
  async claim(resourceId: string, body: unknown, now: Date): Promise<void> {
    const fingerprint = fingerprintOf(body);
    try {
      await this.uses.insertOne({ _id: resourceId, fingerprint, firstUsedAt: now });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const first = await this.uses.findOne({ _id: resourceId });
    if (first && first.fingerprint !== fingerprint) {
      throw new UnprocessableError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request body.',
      );
    }
  }
}

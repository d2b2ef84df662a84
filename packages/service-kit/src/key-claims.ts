// Unique keys that point at an aggregate: "one mediator per user", "one open enrolment per
// mediator and course", "which enrolment holds this certificate". A unique secondary index would
// do on MongoDB, but FerretDB 1.24 answers only `_id` lookups from an index (any other filter is a
// scan of the collection), and a unique `_id` insert is the only write it makes atomically (its
// updates and deletes read, then write, without a lock). So a key is claimed by inserting
// `<key>#1`; when the aggregate holding it lets it go (a completed enrolment), or never came to
// exist (a crash between the claim and the commit), the next claimant inserts `<key>#2`, and so
// on: the chain's last slot is the current claim, two claimants racing for one slot are told
// apart by the unique `_id`, and nothing is ever updated or deleted.
//
// Claims are written BEFORE the aggregate's commit, like the outbox pointers: a committed
// aggregate always has its claim. So an owner that does not exist is either a claimant still on
// its way to its commit or one that died before it: for `inFlightMs` after its claim it counts as
// holding the key (a racing claimant is refused), after that it is passed over. Whether an
// aggregate still holds its key is the caller's question (`holding`), answered from the aggregate
// read by `_id`.
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError, nativeCollection, readConsecutive } from './mongo.ts';

type ClaimDocument = { _id: string; key: string; ownerId: string; at: Date };

/** What the aggregate a claim points at says of the key. */
export type Holding = 'holds' | 'released' | 'absent';

/** A chain longer than this is refused: something releases and claims one key in a loop. */
const maxChain = 1_000;
/** Slots read per query. */
const slotsPerRead = 4;

export class KeyClaims {
  private readonly claims: Collection<ClaimDocument>;

  constructor(
    connection: Connection,
    collectionName: string,
    /** How long an absent owner counts as a claimant still committing. */
    private readonly inFlightMs = 30_000,
  ) {
    this.claims = nativeCollection<ClaimDocument>(connection, collectionName);
  }

  /** The id the key's current claim points at, or null when it was never claimed. */
  async ownerOf(key: string): Promise<string | null> {
    return (await this.lastClaim(key))?.ownerId ?? null;
  }

  /**
   * Claims `key` for `ownerId`. Answers null when the key is now `ownerId`'s (also when it already
   * was: a retried request), else the id of the owner that still holds it. `holding(owner)` says
   * whether an earlier owner still holds the key; one that released it is passed over, and so is
   * an absent one whose claim is older than `inFlightMs`.
   */
  async claim(
    key: string,
    ownerId: string,
    holding: (ownerId: string) => Promise<Holding>,
    now: Date,
  ): Promise<string | null> {
    for (;;) {
      const last = await this.lastClaim(key);
      if (last?.ownerId === ownerId) return null;
      if (last) {
        const said = await holding(last.ownerId);
        const inFlight = said === 'absent' && now.getTime() - last.at.getTime() < this.inFlightMs;
        if (said === 'holds' || inFlight) return last.ownerId;
      }
      const slot = (last?.slot ?? 0) + 1;
      if (slot > maxChain) throw new Error(`key ${key} was claimed more than ${maxChain} times`);
      try {
        await this.claims.insertOne({ _id: slotId(key, slot), key, ownerId, at: now });
        return null;
      } catch (error) {
        // Another claimant took the slot first: look again at who holds the key now.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  /**
   * Walks the chain by `_id`, a few slots per query (`$in`, answered from the index by the
   * patched FerretDB, docs/adr/0007): chains are one or two slots long, so one query.
   */
  private async lastClaim(key: string): Promise<{ ownerId: string; at: Date; slot: number } | null> {
    const chain = await readConsecutive(this.claims, (slot) => slotId(key, slot), 1, {
      perRead: slotsPerRead,
      max: maxChain,
    });
    const last = chain.at(-1);
    return last ? { ownerId: last.ownerId, at: last.at, slot: chain.length } : null;
  }
}

function slotId(key: string, slot: number): string {
  return `${key}#${slot}`;
}

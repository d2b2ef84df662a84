// Which cases name a party, by district and keyed name hash: the duplicate check's lookup
// (DESIGN.md §5). A registration asks about all its party names at once, and FerretDB answers
// `_id: {$in}` from its primary key in one query (patched, docs/adr/0007) where a `$in` on any other
// field is not pushed down (docs/adr/0012): one query per name instead of one for all. Here each
// (district, hash) has a chain of entries with `_id`s `<district>:<hash>:1`, `:2`, …: a lookup
// probes the chain by `_id`, an entry is claimed by a plain insert at the next free slot, and two
// registrations racing for one slot are told apart by the unique `_id` (FerretDB runs updates as
// read-then-write, so no array is ever appended to).
//
// Entries are written BEFORE the case's commit, like the outbox pointers: a crash between the two
// leaves an entry whose case does not exist, which the lookup drops by reading the case. Erasure
// deletes the entries of the hashes it erases.
import { GroupCommit, GroupRead, insertEach } from '@kelisim/service-kit/group-commit';
import { isDuplicateKeyError, nativeCollection, readConsecutiveChains } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';

type PartyNameEntry = {
  _id: string;
  caseId: string;
  district: string;
  nameHash: string;
  registeredAt: string;
};

export type ChainLookup = { caseIds: Set<string>; freeSlot: number };

/** Chains longer than this are cut off: one name registered this often is no duplicate signal. */
const maxChain = 200;
/** Slots of each chain read per query. */
const slotsPerRead = 4;

export class PartyNameIndex {
  private readonly entries: Collection<PartyNameEntry>;
  private readonly firstInserts = new GroupCommit<PartyNameEntry>((entries) =>
    insertEach(this.entries, entries),
  );

  /** Concurrent registrations' lookups share one `_id: {$in}` query. */
  private readonly reads: GroupRead<PartyNameEntry>;

  constructor(connection: Connection) {
    this.entries = nativeCollection<PartyNameEntry>(connection, 'case_party_names');
    this.reads = new GroupRead(this.entries);
  }

  async ensureIndexes(): Promise<void> {
    // Erasure's query (`keepOnly`), led by the case.
    await this.entries.createIndex({ caseId: 1 });
  }

  /**
   * For each hash, the ids of the cases whose entries name it in this district, registered since
   * `since`, and its chain's first free slot (where `add` will try first). The chains are read
   * together, a few slots of each per query (`_id $in`, which the patched FerretDB answers from
   * its index, docs/adr/0007): most chains are empty or one entry long, so one query answers all.
   */
  async casesNaming(
    district: string,
    nameHashes: readonly string[],
    since: string,
  ): Promise<Map<string, ChainLookup>> {
    const runs = await readConsecutiveChains(
      this.entries,
      nameHashes,
      (hash, slot) => slotId(district, hash, slot),
      1,
      { perRead: slotsPerRead, max: maxChain, read: (ids) => this.reads.find(ids) },
    );
    return new Map(
      [...runs].map(([hash, entries]) => [
        hash,
        {
          caseIds: new Set(entries.filter((e) => e.registeredAt >= since).map((e) => e.caseId)),
          freeSlot: entries.length + 1,
        },
      ]),
    );
  }

  /**
   * Adds the case to the chain of each hash; a retry of the same registration adds nothing. The
   * entries go in at the free slots a lookup saw (`freeSlots`, else slot 1), in one insertMany
   * with those of concurrent registrations (group commit); an entry whose slot was taken walks
   * its chain on. `freeSlots` may be a function answering a lookup still running: the entries then
   * try slot 1 (most names have no chain yet) alongside it, and only one that finds its slot taken
   * asks for the lookup's answer to go on from there.
   */
  async add(
    caseId: string,
    district: string,
    nameHashes: readonly string[],
    registeredAt: string,
    freeSlots: ReadonlyMap<string, number> | (() => Promise<ReadonlyMap<string, number>>) = new Map(),
  ): Promise<void> {
    const entryAt = (nameHash: string, slot: number): PartyNameEntry => ({
      _id: slotId(district, nameHash, slot),
      caseId,
      district,
      nameHash,
      registeredAt,
    });
    const known = typeof freeSlots === 'function' ? new Map<string, number>() : freeSlots;
    const first = nameHashes.map((nameHash) => ({ nameHash, slot: known.get(nameHash) ?? 1 }));
    const inserted = await Promise.allSettled(
      first.map(({ nameHash, slot }) => this.firstInserts.submit(entryAt(nameHash, slot))),
    );
    for (const [i, outcome] of inserted.entries()) {
      if (outcome.status === 'fulfilled') continue;
      const error: unknown = outcome.reason;
      const { nameHash, slot: taken } = first[i] as { nameHash: string; slot: number };
      if (!isDuplicateKeyError(error)) throw error;
      if (await this.isTakenBy(entryAt(nameHash, taken)._id, caseId)) continue;
      const seen = (typeof freeSlots === 'function' ? await freeSlots() : freeSlots).get(nameHash) ?? 1;
      for (let slot = Math.max(taken + 1, seen); slot <= maxChain; slot++) {
        const entry = entryAt(nameHash, slot);
        try {
          await this.entries.insertOne(entry);
          break;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          if (await this.isTakenBy(entry._id, caseId)) break;
        }
      }
    }
  }

  private async isTakenBy(entryId: string, caseId: string): Promise<boolean> {
    const taken = await this.entries.findOne({ _id: entryId }, { projection: { caseId: 1 } });
    return taken?.caseId === caseId;
  }

  /** Deletes the case's entries for hashes it no longer holds (after an erasure). */
  async keepOnly(caseId: string, nameHashes: readonly string[]): Promise<void> {
    await this.entries.deleteMany({ caseId, nameHash: { $nin: [...nameHashes] } });
  }
}

function slotId(district: string, nameHash: string, slot: number): string {
  return `${district}:${nameHash}:${slot}`;
}

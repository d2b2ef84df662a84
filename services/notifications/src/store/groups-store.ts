// The groups directory in MongoDB. Not event-sourced (no group events are in the contracts), but
// versioned for If-Match like every editable resource.
import { IdempotencyKeys } from '@kelisim/service-kit/commands/creation';
import { ConflictError, PreconditionFailedError } from '@kelisim/service-kit/errors';
import type { EncryptedField, FieldCipher } from '@kelisim/service-kit/field-crypto';
import { isDuplicateKeyError, nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Group, Member } from '../domain/groups.ts';

// A member's e-mail address is personal data and a webhook secret is a credential: both are
// encrypted at rest per field (DESIGN.md §7); the rest of the directory is not sensitive.
type MemberDocument = Omit<Member, 'email' | 'webhook'> & {
  email: EncryptedField | null;
  webhook: { url: string; secret: EncryptedField } | null;
};

export type GroupDocument = Omit<Group, 'id' | 'members'> & {
  members: MemberDocument[];
  _id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type StoredGroup = Group & { version: number };

export class GroupsStore {
  readonly collection: Collection<GroupDocument>;
  /** The Idempotency-Keys of group creations, with the kit's one meaning of them. */
  readonly keys: IdempotencyKeys;

  constructor(
    connection: Connection,
    private readonly cipher: FieldCipher,
  ) {
    this.collection = nativeCollection<GroupDocument>(connection, 'groups');
    this.keys = new IdempotencyKeys(connection);
  }

  private toGroup({ _id, createdAt: _c, updatedAt: _u, members, ...rest }: GroupDocument): StoredGroup {
    const decrypt = (field: EncryptedField) => this.cipher.decrypt(field);
    return {
      id: _id,
      ...rest,
      members: (members ?? []).map((m) => ({
        ...m,
        email: m.email ? decrypt(m.email) : null,
        webhook: m.webhook ? { url: m.webhook.url, secret: decrypt(m.webhook.secret) } : null,
      })),
    };
  }

  private toDocuments(members: readonly Member[]): MemberDocument[] {
    return members.map((m) => ({
      ...m,
      email: m.email ? this.cipher.encrypt(m.email) : null,
      webhook: m.webhook ? { url: m.webhook.url, secret: this.cipher.encrypt(m.webhook.secret) } : null,
    }));
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ region: 1, _id: 1 });
    await this.collection.createIndex({ 'members.userId': 1 });
  }

  async get(id: string): Promise<StoredGroup | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? this.toGroup(doc) : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredGroup>> {
    const docs = await this.collection.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, this.toGroup(doc)]));
  }

  /** Keyset page by id. */
  async list(filter: Filter<GroupDocument>, limit: number, after?: string): Promise<StoredGroup[]> {
    const query = after ? { $and: [filter, { _id: { $gt: after } }] } : filter;
    const docs = await this.collection
      .find(query as Filter<GroupDocument>)
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => this.toGroup(doc));
  }

  /** Inserts a new group; false when the id is taken. */
  async create(group: Group, now: Date): Promise<boolean> {
    const { id, members, ...rest } = group;
    try {
      await this.collection.insertOne({
        _id: id,
        ...rest,
        members: this.toDocuments(members),
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Creates a group with the kit's one meaning of Idempotency-Key: the same key and body answer
   * the group again (replayed), another body is a 422, and a group that exists otherwise is a 409.
   * A group's id follows from its territory, so that id is what the key stands for.
   */
  async createOnce(creation: {
    group: Group;
    caller: string;
    key: string | undefined;
    body: unknown;
    now: Date;
  }): Promise<{ current: StoredGroup; replayed: boolean }> {
    const { group, key, now } = creation;
    const claim =
      key === undefined
        ? null
        : await this.keys.claim(
            { kind: 'group', caller: creation.caller, key, body: creation.body, now },
            () => group.id,
          );
    const created = await this.create(group, now);
    if (!created && (claim === null || claim.first)) {
      throw new ConflictError(`Group ${group.id} already exists.`, { code: 'group.exists' });
    }
    const current = await this.get(group.id);
    if (!current) throw new Error(`group ${group.id} vanished after its creation`);
    return { current, replayed: !created };
  }

  /** Seeds groups that do not exist yet and leaves existing ones as they are. */
  async seed(groups: readonly Group[], now: Date): Promise<{ created: number; existing: number }> {
    let created = 0;
    // Inserts, not upserts with $setOnInsert: FerretDB 1.24 drops empty arrays from those.
    for (const group of groups) if (await this.create(group, now)) created += 1;
    return { created, existing: groups.length - created };
  }

  /** Replaces the editable fields at `expectedVersion` (any version when undefined). */
  async update(
    id: string,
    changes: Pick<Group, 'names' | 'members' | 'parentId'>,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<StoredGroup | null> {
    const filter: Filter<GroupDocument> =
      expectedVersion === undefined ? { _id: id } : { _id: id, version: expectedVersion };
    const doc = await this.collection.findOneAndUpdate(
      filter,
      {
        $set: { ...changes, members: this.toDocuments(changes.members), updatedAt: now },
        $inc: { version: 1 },
      },
      { returnDocument: 'after' },
    );
    if (doc) return this.toGroup(doc);
    return this.staleOrMissing(id);
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<boolean> {
    const filter: Filter<GroupDocument> =
      expectedVersion === undefined ? { _id: id } : { _id: id, version: expectedVersion };
    const result = await this.collection.deleteOne(filter);
    if (result.deletedCount === 1) return true;
    await this.staleOrMissing(id);
    return false;
  }

  private async staleOrMissing(id: string): Promise<null> {
    const current = await this.collection.findOne({ _id: id });
    if (current) throw new PreconditionFailedError(undefined, { currentVersion: current.version });
    return null;
  }
}

// The groups directory on the commit log: each group is a stream whose commits hold its state and
// no events (no group events are in the contracts), so the kit's pipeline versions it for If-Match
// and publishes nothing. A deleted group stays a stream whose state marks it removed: reads and
// lists treat it as absent, and creating or seeding it again starts it anew.
import { IdempotencyKeys } from '@kelisim/service-kit/commands/creation';
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import { CommitLog, type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ConflictError } from '@kelisim/service-kit/errors';
import type { EncryptedField, FieldCipher } from '@kelisim/service-kit/field-crypto';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Group, Member } from '../domain/groups.ts';
import { groupWithPreferences } from '../domain/preferences.ts';
import type { PreferencesStore } from './preferences-store.ts';

// A webhook secret is a credential: encrypted at rest per field (DESIGN.md §7), in the commits as
// in the read model. Members' e-mail addresses are not kept at all: they stay on the users'
// Keycloak accounts (people/keycloak-users.ts); `email` says whether the member wants e-mail.
// Commits from before hold an encrypted address there instead, which reads as `true`.
type MemberDocument = Omit<Member, 'email' | 'webhook'> & {
  email: boolean | EncryptedField | null;
  webhook: { url: string; secret: EncryptedField } | null;
};

export type GroupState = Omit<Group, 'id' | 'members'> & {
  members: MemberDocument[];
  createdAt: Date;
  updatedAt: Date;
  /** When the group was deleted; null while it is in the directory. */
  removedAt: Date | null;
};

export type GroupDocument = Current<GroupState>;

export type StoredGroup = Group & { version: number };

/** A command on one group: `authorise` refuses it by throwing (404 outside the caller's sight). */
type GroupCommand = {
  id: string;
  expectedVersion: number | undefined;
  now: Date;
  authorise: (group: StoredGroup) => void;
};

const present: Filter<GroupDocument> = { removedAt: null };

export class GroupsStore {
  readonly log: CommitLog<GroupState>;
  readonly collection: Collection<GroupDocument>;
  /** The Idempotency-Keys of group creations, with the kit's one meaning of them. */
  readonly keys: IdempotencyKeys;
  private readonly runner: CommandRunner<GroupState>;
  private readonly notFound: (groupId: string) => Error;

  constructor(
    connection: Connection,
    private readonly cipher: FieldCipher,
    private readonly preferences: PreferencesStore,
    options: { committed: () => void; notFound: (groupId: string) => Error },
  ) {
    this.notFound = options.notFound;
    this.log = new CommitLog<GroupState>(connection, 'groups');
    this.collection = nativeCollection<GroupDocument>(connection, 'groups');
    this.keys = new IdempotencyKeys(connection);
    this.runner = new CommandRunner<GroupState>(
      this.log,
      { wake: options.committed },
      { notFound: options.notFound },
    );
  }

  private toGroup({
    _id,
    createdAt: _c,
    updatedAt: _u,
    removedAt: _r,
    members,
    ...rest
  }: GroupDocument): StoredGroup {
    const decrypt = (field: EncryptedField) => this.cipher.decrypt(field);
    return {
      id: _id,
      ...rest,
      members: (members ?? []).map((m) => ({
        ...m,
        email: Boolean(m.email),
        webhook: m.webhook ? { url: m.webhook.url, secret: decrypt(m.webhook.secret) } : null,
      })),
    };
  }

  private toDocuments(members: readonly Member[]): MemberDocument[] {
    return members.map((m) => ({
      ...m,
      email: m.email,
      webhook: m.webhook ? { url: m.webhook.url, secret: this.cipher.encrypt(m.webhook.secret) } : null,
    }));
  }

  /** The group as a directory entry; null when it was deleted. */
  private visible(doc: GroupDocument | null): StoredGroup | null {
    return doc && !doc.removedAt ? this.toGroup(doc) : null;
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.collection.createIndex({ region: 1, _id: 1 });
    await this.collection.createIndex({ 'members.userId': 1 });
  }

  /** The group, its members' own preferences applied (what alerting and delivery act on). */
  async get(id: string): Promise<StoredGroup | null> {
    const group = this.visible(await this.collection.findOne({ _id: id }));
    return group ? (await this.withPreferences([group]))[0]! : null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredGroup>> {
    const docs = await this.collection.find({ _id: { $in: [...ids] } }).toArray();
    const groups = await this.withPreferences(
      docs.flatMap((doc) => {
        const group = this.visible(doc);
        return group ? [group] : [];
      }),
    );
    return new Map(groups.map((group) => [group.id, group]));
  }

  private async withPreferences(groups: StoredGroup[]): Promise<StoredGroup[]> {
    const userIds = groups.flatMap((g) => g.members.map((m) => m.userId));
    if (userIds.length === 0) return groups;
    const preferences = await this.preferences.getMany(userIds);
    return groups.map((group) => groupWithPreferences(group, preferences));
  }

  /**
   * Keeps a mediator's personal group in step with their profile: created on first sight, its one
   * member replaced when the mediator's user changes; nothing is committed when all is as it was.
   */
  async ensurePersonal(group: Group, now: Date): Promise<void> {
    const current = this.visible(await this.collection.findOne({ _id: group.id }));
    if (!current) {
      await this.create(group, now);
      return;
    }
    const [wanted] = group.members;
    if (!wanted || current.members.some((m) => m.userId === wanted.userId)) return;
    await this.update({
      id: group.id,
      expectedVersion: current.version,
      now,
      authorise: () => {},
      change: () => ({ names: current.names, members: [wanted] }),
    });
  }

  /** Keyset page by id. */
  async list(filter: Filter<GroupDocument>, limit: number, after?: string): Promise<StoredGroup[]> {
    const query = { $and: [filter, present, ...(after ? [{ _id: { $gt: after } }] : [])] };
    const docs = await this.collection
      .find(query as Filter<GroupDocument>)
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => this.toGroup(doc));
  }

  /** Commits a new group (or a deleted one anew); false when the id is taken. */
  async create(group: Group, now: Date): Promise<boolean> {
    const current = await this.log.load(group.id);
    if (current && !current.removedAt) return false;
    const { id, members, ...rest } = group;
    const state: GroupState = {
      ...rest,
      members: this.toDocuments(members),
      createdAt: now,
      updatedAt: now,
      removedAt: null,
    };
    try {
      await this.runner.append(id, current?.version ?? 0, { state, events: [] }, now);
      return true;
    } catch (error) {
      if (error instanceof VersionConflictError) return false;
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
    const current = this.visible(await this.log.loadRepaired(group.id));
    if (!current) throw new Error(`group ${group.id} vanished after its creation`);
    return { current, replayed: !created };
  }

  /** Seeds groups that do not exist yet and leaves existing ones as they are. */
  async seed(groups: readonly Group[], now: Date): Promise<{ created: number; existing: number }> {
    let created = 0;
    for (const group of groups) if (await this.create(group, now)) created += 1;
    return { created, existing: groups.length - created };
  }

  /** Replaces the names and members with what `change` makes of the current group. */
  async update(
    command: GroupCommand & { change: (group: StoredGroup) => Pick<Group, 'names' | 'members'> },
  ): Promise<StoredGroup> {
    const updated = await this.runner.run({
      ...this.commandOn(command),
      decide: (state, current) => {
        const { names, members } = command.change(this.toGroup(current));
        return {
          state: { ...state, names, members: this.toDocuments(members), updatedAt: command.now },
          events: [],
        };
      },
    });
    return this.toGroup(updated);
  }

  /** Marks the group removed; its members' contacts leave the read model with it. */
  async remove(command: GroupCommand): Promise<void> {
    await this.runner.run({
      ...this.commandOn(command),
      decide: (state) => ({
        state: { ...state, members: [], updatedAt: command.now, removedAt: command.now },
        events: [],
      }),
    });
  }

  private commandOn({ id, expectedVersion, now, authorise }: GroupCommand) {
    return {
      id,
      expectedVersion,
      now,
      authorise: (current: GroupDocument) => {
        const group = this.visible(current);
        if (!group) throw this.notFound(id);
        authorise(group);
      },
    };
  }
}

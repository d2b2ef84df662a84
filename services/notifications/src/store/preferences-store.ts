// What each member chose for themself (GET/PUT /me/preferences): the language of their alerts
// and their channels. Keyed by the user id; versioned for If-Match. Applied on top of every group
// membership when the directory is read for alerting and delivery (groups-store.ts).
import { PreconditionFailedError } from '@kelisim/service-kit/errors';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { MemberPreferences } from '../domain/preferences.ts';

type PreferencesDocument = MemberPreferences & { _id: string; version: number; updatedAt: Date };

export type StoredPreferences = MemberPreferences & { version: number; updatedAt: Date };

export class PreferencesStore {
  readonly collection: Collection<PreferencesDocument>;

  constructor(connection: Connection) {
    this.collection = nativeCollection<PreferencesDocument>(connection, 'preferences');
  }

  async get(userId: string): Promise<StoredPreferences | null> {
    const doc = await this.collection.findOne({ _id: userId });
    return doc ? toStored(doc) : null;
  }

  /** Each user's preferences, for the users that have set any (`_id` lookups only). */
  async getMany(userIds: readonly string[]): Promise<Map<string, MemberPreferences>> {
    if (userIds.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: [...new Set(userIds)] } }).toArray();
    return new Map(docs.map((doc) => [doc._id, toStored(doc)]));
  }

  /**
   * Replaces the user's preferences; with `expectedVersion`, only if they are still at it (412
   * otherwise; 0 means "not set yet").
   */
  async put(
    userId: string,
    preferences: MemberPreferences,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<StoredPreferences> {
    const set = {
      language: preferences.language,
      channels: preferences.channels,
      timeZone: preferences.timeZone,
      updatedAt: now,
    };
    if (expectedVersion === undefined) {
      const doc = await this.collection.findOneAndUpdate(
        { _id: userId },
        { $set: set, $inc: { version: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      return toStored(doc!);
    }
    if (expectedVersion === 0) {
      try {
        await this.collection.insertOne({ _id: userId, ...set, version: 1 });
        return { ...preferences, version: 1, updatedAt: now };
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw stale();
        throw error;
      }
    }
    const doc = await this.collection.findOneAndUpdate(
      { _id: userId, version: expectedVersion },
      { $set: set, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!doc) throw stale();
    return toStored(doc);
  }
}

function stale(): PreconditionFailedError {
  return new PreconditionFailedError('Your preferences changed since you read them.');
}

function toStored(doc: PreferencesDocument): StoredPreferences {
  const { language, channels, timeZone, version, updatedAt } = doc;
  return {
    language,
    channels: { inbox: channels.inbox, email: channels.email },
    timeZone: timeZone ?? null,
    version,
    updatedAt,
  };
}

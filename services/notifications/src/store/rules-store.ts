// Subscription rules, seeded with the defaults the service ships and editable by administrators.
import { PreconditionFailedError } from '@kelisim/service-kit/errors';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { defaultRules, type Rule } from '../domain/rules.ts';

export type RuleDocument = Omit<Rule, 'id'> & { _id: string; version: number; updatedAt: Date };
export type StoredRule = Rule & { version: number };

const toRule = ({ _id, updatedAt: _u, ...rest }: RuleDocument): StoredRule => ({ id: _id, ...rest });

export class RulesStore {
  readonly collection: Collection<RuleDocument>;

  constructor(connection: Connection) {
    this.collection = nativeCollection<RuleDocument>(connection, 'rules');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ eventType: 1 });
  }

  /** Adds the shipped rules an administrator has not already got; never overwrites an edit. */
  async ensureDefaults(now: Date): Promise<void> {
    for (const { id, ...rule } of defaultRules) {
      await this.collection.updateOne(
        { _id: id },
        { $setOnInsert: { ...rule, version: 1, updatedAt: now } },
        { upsert: true },
      );
    }
  }

  async list(): Promise<StoredRule[]> {
    return (await this.collection.find({}).sort({ _id: 1 }).toArray()).map(toRule);
  }

  async forEventType(eventType: string): Promise<StoredRule[]> {
    return (await this.collection.find({ eventType }).toArray()).map(toRule);
  }

  async get(id: string): Promise<StoredRule | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toRule(doc) : null;
  }

  async update(
    id: string,
    changes: Pick<Rule, 'minSeverity' | 'targets' | 'enabled'>,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<StoredRule | null> {
    const filter: Filter<RuleDocument> =
      expectedVersion === undefined ? { _id: id } : { _id: id, version: expectedVersion };
    const doc = await this.collection.findOneAndUpdate(
      filter,
      { $set: { ...changes, updatedAt: now }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (doc) return toRule(doc);
    const current = await this.collection.findOne({ _id: id });
    if (current) throw new PreconditionFailedError(undefined, { currentVersion: current.version });
    return null;
  }
}

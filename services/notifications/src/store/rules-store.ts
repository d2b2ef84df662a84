// Subscription rules, seeded with the defaults the service ships and editable by administrators.
// Each rule is a commit-log stream whose commits hold its state and no events (no rule events are
// in the contracts): the kit's pipeline versions it for If-Match and publishes nothing.
import { CommandRunner } from '@kelisim/service-kit/commands/run-command';
import { CommitLog, type Current, VersionConflictError } from '@kelisim/service-kit/commit-log';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { nativeCollection } from '@kelisim/service-kit/mongo';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { defaultRules, type Rule } from '../domain/rules.ts';

export type RuleState = Omit<Rule, 'id'> & { updatedAt: Date };
export type RuleDocument = Current<RuleState>;
export type StoredRule = Rule & { version: number };

const toRule = ({ _id, updatedAt: _u, ...rest }: RuleDocument): StoredRule => ({ id: _id, ...rest });

export class RulesStore {
  readonly log: CommitLog<RuleState>;
  readonly collection: Collection<RuleDocument>;
  private readonly runner: CommandRunner<RuleState>;

  /** `committed` wakes the relay after a commit. */
  constructor(connection: Connection, committed: () => void) {
    this.log = new CommitLog<RuleState>(connection, 'rules');
    this.collection = nativeCollection<RuleDocument>(connection, 'rules');
    this.runner = new CommandRunner<RuleState>(
      this.log,
      { wake: committed },
      { notFound: (id) => new NotFoundError(`No rule ${id}.`, { code: 'rule.not_found' }) },
    );
  }

  async ensureIndexes(): Promise<void> {
    await this.log.ensureIndexes();
    await this.collection.createIndex({ eventType: 1 });
  }

  /** Adds the shipped rules an administrator has not already got; never overwrites an edit. */
  async ensureDefaults(now: Date): Promise<void> {
    for (const { id, ...rule } of defaultRules) {
      if (await this.log.load(id)) continue;
      try {
        await this.runner.append(id, 0, { state: { ...rule, updatedAt: now }, events: [] }, now);
      } catch (error) {
        // Another instance shipped it first.
        if (!(error instanceof VersionConflictError)) throw error;
      }
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

  /** Replaces the editable fields at `expectedVersion` (any version when undefined). */
  async update(
    id: string,
    changes: Pick<Rule, 'minSeverity' | 'targets' | 'enabled'>,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<StoredRule> {
    const updated = await this.runner.run({
      id,
      expectedVersion,
      now,
      decide: (state) => ({ state: { ...state, ...changes, updatedAt: now }, events: [] }),
    });
    return toRule(updated);
  }
}

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

/**
 * `shipped` is true while the rule is as the service shipped it (never edited by an administrator):
 * such a rule follows the shipped default when a release changes it. Absent on rules stored before
 * the mark existed; their first version is the shipped one.
 */
export type RuleState = Omit<Rule, 'id'> & { updatedAt: Date; shipped?: boolean };
export type RuleDocument = Current<RuleState>;
export type StoredRule = Rule & { version: number };

const toRule = ({ _id, updatedAt: _u, shipped: _s, ...rest }: RuleDocument): StoredRule => ({
  id: _id,
  ...rest,
});

const editable = (rule: Pick<Rule, 'minSeverity' | 'targets' | 'enabled' | 'eventType'>) =>
  JSON.stringify([rule.eventType, rule.minSeverity, rule.targets, rule.enabled]);

/** Whether no administrator has edited the stored rule. */
const asShipped = (stored: RuleDocument) => stored.shipped ?? stored.version === 1;

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

  /**
   * Adds the shipped rules a store has not got, and brings a rule no administrator has edited up
   * to this release's default (a release that reroutes alerts reaches stores made before it);
   * never overwrites an edit.
   */
  async ensureDefaults(now: Date): Promise<void> {
    for (const { id, ...rule } of defaultRules) {
      const stored = await this.log.load(id);
      if (stored && (!asShipped(stored) || editable(stored) === editable(rule))) continue;
      try {
        const state = { ...rule, updatedAt: now, shipped: true };
        await this.runner.append(id, stored?.version ?? 0, { state, events: [] }, now);
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
      decide: (state) => ({ state: { ...state, ...changes, updatedAt: now, shipped: false }, events: [] }),
    });
    return toRule(updated);
  }
}

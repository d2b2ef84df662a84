// The shipped rules across releases, on the real store: a store made by an earlier release gets a
// changed default (a rerouted escalation reaches the republic) unless an administrator edited
// that rule, whose edit is kept.

import type { AlertTargetKind } from '@kelisim/contracts/reference/alert-vocabulary';
import { connectMongo } from '@kelisim/service-kit/mongo';
import { testInfrastructure } from '@kelisim/service-kit/testing/test-infrastructure';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRules } from '../domain/rules.ts';
import { RulesStore } from './rules-store.ts';

const shipped = (id: string) => {
  const rule = defaultRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no shipped rule ${id}`);
  return rule;
};

let mongo: Connection;
let rules: RulesStore;

beforeAll(async () => {
  const infra = testInfrastructure('notifications_rules');
  mongo = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName });
  rules = new RulesStore(mongo, () => {});
  await rules.ensureIndexes();
});

afterAll(async () => {
  await mongo?.db?.dropDatabase();
  await mongo?.close();
});

describe('the shipped rules', () => {
  it('follow a release that changes them, unless an administrator edited them', async () => {
    const now = new Date('2026-12-07T06:00:00Z');
    // As an earlier release stored them: its own targets, no mark of being shipped.
    const earlier = { targets: ['district', 'region'] as AlertTargetKind[] };
    for (const id of ['escalated-case', 'follow-up-overdue']) {
      const { id: _id, ...rule } = shipped(id);
      const state = { ...rule, ...earlier, updatedAt: now };
      await rules.log.append({ streamId: id, expectedVersion: 0, events: [], state, now });
    }
    await rules.update('follow-up-overdue', { ...shipped('follow-up-overdue'), ...earlier }, 1, now);

    await rules.ensureDefaults(new Date('2026-12-08T06:00:00Z'));

    expect(await rules.get('escalated-case')).toMatchObject({
      targets: shipped('escalated-case').targets,
      version: 2,
    });
    expect(await rules.get('follow-up-overdue')).toMatchObject({ targets: earlier.targets, version: 2 });
    expect(await rules.get('critical-screening')).toMatchObject({ version: 1 });

    // Another start with the same release changes nothing.
    await rules.ensureDefaults(new Date('2026-12-09T06:00:00Z'));
    expect(await rules.get('escalated-case')).toMatchObject({ version: 2 });
    expect(await rules.get('follow-up-overdue')).toMatchObject({ version: 2 });
    expect(await rules.get('critical-screening')).toMatchObject({ version: 1 });
  });
});

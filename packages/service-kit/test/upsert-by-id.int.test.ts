// upsertById against the real MongoDB-wire server: the upsert's behaviour (create with the
// insert-only fields, else update), done as an update then an insert because FerretDB scans the
// whole collection for an upsert (docs/adr/0006).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeCollection, upsertById } from '../src/mongo.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';

type Profile = {
  _id: string;
  regions?: string[];
  certifications?: Record<string, { state: string }>;
  since?: string;
};

describe('upsertById', () => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await startTestRuntime('upsert-by-id');
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('creates the document with its insert-only fields and dotted paths as nested fields', async () => {
    const profiles = nativeCollection<Profile>(runtime.connection, 'profiles');
    const first = await upsertById(profiles, 'm-1', {
      $set: { 'certifications.c-1.state': 'issued' },
      $setOnInsert: { certifications: {}, since: 'first' },
    });
    expect(first).toEqual({ inserted: true });
    expect(await profiles.findOne({ _id: 'm-1' })).toEqual({
      _id: 'm-1',
      certifications: { 'c-1': { state: 'issued' } },
      since: 'first',
    });
  });

  it('updates an existing document and leaves its insert-only fields alone', async () => {
    const profiles = nativeCollection<Profile>(runtime.connection, 'profiles');
    await upsertById(profiles, 'm-2', { $set: { regions: ['75'] }, $setOnInsert: { since: 'first' } });
    const again = await upsertById(profiles, 'm-2', {
      $set: { regions: ['19'] },
      $setOnInsert: { since: 'second' },
    });
    expect(again).toEqual({ inserted: false });
    expect(await profiles.findOne({ _id: 'm-2' })).toEqual({ _id: 'm-2', regions: ['19'], since: 'first' });
  });

  it('creates once when callers race, and tells exactly one of them it did', async () => {
    const profiles = nativeCollection<Profile>(runtime.connection, 'profiles');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        upsertById(profiles, 'm-3', { $setOnInsert: { since: `caller-${i}` } }),
      ),
    );
    expect(results.filter((result) => result.inserted)).toHaveLength(1);
    expect(await profiles.countDocuments({ _id: 'm-3' })).toBe(1);
  });
});

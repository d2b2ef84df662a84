// Unique keys against the real MongoDB-wire server: of claimants racing for one key exactly one
// wins, a holder that let the key go (or never committed) is passed over, and a retry of the
// winner is still the winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Holding, KeyClaims } from '../src/key-claims.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';

describe('key claims', () => {
  let runtime: TestRuntime;
  let claims: KeyClaims;
  const now = new Date('2026-06-01T10:00:00Z');
  /** The owners that still hold their keys, as the aggregates would say. */
  const holding = new Set<string>();
  const holds = async (ownerId: string): Promise<Holding> => (holding.has(ownerId) ? 'holds' : 'released');

  beforeAll(async () => {
    runtime = await startTestRuntime('key-claims');
    claims = new KeyClaims(runtime.connection, 'test_claims');
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('the first claimant gets the key; a later one is told who holds it; the holder may claim again', async () => {
    expect(await claims.claim('user-1', 'owner-a', holds, now)).toBeNull();
    holding.add('owner-a');
    expect(await claims.claim('user-1', 'owner-b', holds, now)).toBe('owner-a');
    expect(await claims.claim('user-1', 'owner-a', holds, now)).toBeNull();
    expect(await claims.ownerOf('user-1')).toBe('owner-a');
    expect(await claims.ownerOf('user-never')).toBeNull();
  });

  it('a holder that let the key go is passed over', async () => {
    expect(await claims.claim('user-2', 'owner-gone', holds, now)).toBeNull();
    expect(await claims.claim('user-2', 'owner-c', holds, now)).toBeNull();
    holding.add('owner-c');
    expect(await claims.ownerOf('user-2')).toBe('owner-c');
    holding.delete('owner-c'); // e.g. the enrolment completed
    expect(await claims.claim('user-2', 'owner-d', holds, now)).toBeNull();
    expect(await claims.ownerOf('user-2')).toBe('owner-d');
  });

  it('finds the current claim at the end of a chain longer than one read', async () => {
    for (let i = 1; i <= 6; i++) {
      expect(await claims.claim('user-6', `owner-${i}`, holds, now)).toBeNull(); // each released at once
    }
    expect(await claims.ownerOf('user-6')).toBe('owner-6');
    holding.add('owner-6');
    expect(await claims.claim('user-6', 'owner-7', holds, now)).toBe('owner-6');
  });

  it('an owner that does not exist counts as committing for a while, then as dead', async () => {
    const absent = async (): Promise<Holding> => 'absent';
    expect(await claims.claim('user-5', 'owner-committing', absent, now)).toBeNull();
    const soon = new Date(now.getTime() + 29_000);
    expect(await claims.claim('user-5', 'owner-e', absent, soon)).toBe('owner-committing');
    const later = new Date(now.getTime() + 31_000);
    expect(await claims.claim('user-5', 'owner-e', absent, later)).toBeNull();
    expect(await claims.ownerOf('user-5')).toBe('owner-e');
  });

  it('of twelve claimants racing for one key, none of them committed yet, exactly one wins', async () => {
    const owners = Array.from({ length: 12 }, (_, i) => `racer-${i}`);
    const answers = await Promise.all(
      owners.map((owner) => claims.claim('user-3', owner, async (): Promise<Holding> => 'absent', now)),
    );
    const winners = owners.filter((_, i) => answers[i] === null);
    expect(winners).toHaveLength(1);
    expect(new Set(answers.filter((answer) => answer !== null))).toEqual(new Set(winners));
    expect(await claims.ownerOf('user-3')).toBe(winners[0]);
  });
});

import { nameKey } from '@kelisim/service-kit/name-key';
import { describe, expect, it } from 'vitest';
import { caseBodies, uniqueWords } from './case-bodies.ts';

describe('bench party names', () => {
  it('spells each number in words no other number shares once doubled letters and word order are folded', () => {
    expect(uniqueWords(112)).toBe('a2 b1 c1');
    expect(uniqueWords(7, 'x')).toBe('xa7');
    const keys = new Set(Array.from({ length: 5_000 }, (_, n) => nameKey(`Seed claimant ${uniqueWords(n)}`)));
    expect(keys.size).toBe(5_000);
  });

  it('gives every body its own party names', () => {
    const body = caseBodies();
    const names = (b: unknown) => (b as { parties: { name: string }[] }).parties.map((p) => p.name);
    expect(names(body())).not.toEqual(names(body()));
  });
});

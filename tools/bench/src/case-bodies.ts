// Registration bodies: valid for case-intake's schema, each with party names of its own, so that
// duplicate detection finds nothing (as for real, distinct cases) and every request does the
// same work.
import { randomBytes } from 'node:crypto';

export const benchRegion = '750000000';
export const benchDistrict = '751310000';

/**
 * Words that make `n` a name of its own: one word per digit, each prefixed by its position's letter
 * (`112` → `a2 b1 c1`). The name key folds doubled letters and digits and ignores the words' order,
 * so `11` and `1` would be one name, and `12` and `21` another. A `tag` keeps two numbers' words apart.
 */
export function uniqueWords(n: number, tag = ''): string {
  const letters = 'abcdefgmnoprtuvw';
  return [...String(n)]
    .reverse()
    .map((digit, position) => `${tag}${letters[position] ?? 'z'}${digit}`)
    .join(' ');
}

export function caseBodies(urgency: 'high' | 'critical' = 'high'): () => unknown {
  const run = uniqueWords(randomBytes(3).readUIntBE(0, 3), 'x');
  let n = 0;
  return () => {
    n += 1;
    return {
      region: benchRegion,
      district: benchDistrict,
      category: 'neighbourhood',
      urgency,
      riskFlags: ['large_group'],
      description: 'A dispute over a shared yard between two families, reported by a neighbour.',
      parties: [
        {
          kind: 'individual',
          role: 'claimant',
          language: 'kk',
          name: `Bench Claimant ${run} ${uniqueWords(n)}`,
          contacts: '+7 701 000 00 01',
        },
        {
          kind: 'group',
          role: 'respondent',
          language: 'ru',
          name: `Bench Respondent ${run} ${uniqueWords(n)}`,
        },
      ],
    };
  };
}

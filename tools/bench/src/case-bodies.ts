// Registration bodies: valid for case-intake's schema, each with party names of its own, so that
// duplicate detection finds nothing (as for real, distinct cases) and every request does the
// same work.
import { randomBytes } from 'node:crypto';

export const benchRegion = '750000000';
export const benchDistrict = '751310000';

export function caseBodies(urgency: 'high' | 'critical' = 'high'): () => unknown {
  const run = randomBytes(3).toString('hex');
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
          name: `Bench Claimant ${run} ${n}`,
          contacts: '+7 701 000 00 01',
        },
        { kind: 'group', role: 'respondent', language: 'ru', name: `Bench Respondent ${run} ${n}` },
      ],
    };
  };
}

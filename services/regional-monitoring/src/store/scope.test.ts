import { decodeCursor, encodeCursor } from '@kelisim/service-kit/cursor';
import type { Principal } from '@kelisim/service-kit/principal';
import { describe, expect, it } from 'vitest';
import { canSeeRecord, reachesRegion, regionsReached, territoryBranches } from './scope.ts';

const principal = (regions: string[]): Principal => ({
  sub: 'u',
  roles: ['supervisor'],
  regions,
  groups: [],
});

describe('territory scoping', () => {
  it('a region token sees its region and its districts, not another region', () => {
    const almaty = principal(['750000000']);
    expect(canSeeRecord(almaty, { region: '750000000', districts: ['751110000'] })).toBe(true);
    expect(canSeeRecord(almaty, { region: '710000000', districts: [] })).toBe(false);
  });

  it('a district token sees records touching its district and reaches its region’s risk', () => {
    const almaly = principal(['751110000']);
    expect(canSeeRecord(almaly, { region: '750000000', districts: ['751110000'] })).toBe(true);
    expect(canSeeRecord(almaly, { region: '750000000', districts: ['751210000'] })).toBe(false);
    expect(regionsReached(almaly)).toEqual(['750000000']);
    expect(reachesRegion(almaly, '750000000')).toBe(true);
  });

  it('the republic sees everything, unfiltered', () => {
    expect(territoryBranches(principal(['KZ']))).toEqual([{}]);
    expect(regionsReached(principal(['KZ']))).toBe('all');
  });

  it('a mixed token filters by its region codes and its district codes', () => {
    expect(territoryBranches(principal(['750000000', '711110000']))).toEqual([
      { region: '750000000' },
      { districts: '711110000' },
    ]);
  });
});

describe('cursors', () => {
  it('round-trip, and a cursor the API did not give out is a 400 on the cursor', () => {
    const keys = ['string', 'string'] as const;
    expect(decodeCursor(encodeCursor(['2026-01-01', 'v-1']), keys)).toEqual(['2026-01-01', 'v-1']);
    expect(() => decodeCursor('not-a-cursor', keys)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

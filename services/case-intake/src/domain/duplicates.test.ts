import { describe, expect, it } from 'vitest';
import { caseNumberCounterKey, formatCaseNumber } from './case-number.ts';
import { suspectedDuplicates } from './duplicates.ts';

const now = new Date('2026-03-31T12:00:00.000Z');
const candidate = (overrides: object) => ({
  caseId: 'c-old',
  caseNumber: 'EM-2026-75-000001',
  district: '751310000',
  registeredAt: '2026-03-20T10:00:00.000Z',
  partyNameHashes: ['h-a', 'h-z'],
  ...overrides,
});
const fresh = { district: '751310000', partyNameHashes: ['h-a', 'h-b'] };

describe('duplicate suspicion', () => {
  it('when a case in the same district shares a party within 30 days, it is suspected', () => {
    expect(suspectedDuplicates(fresh, [candidate({})], now)).toEqual([
      { caseId: 'c-old', caseNumber: 'EM-2026-75-000001', overlappingParties: 1 },
    ]);
  });

  it('when the earlier case is in another district, it is not suspected', () => {
    expect(suspectedDuplicates(fresh, [candidate({ district: '751210000' })], now)).toEqual([]);
  });

  it('when the earlier case is older than 30 days, it is not suspected', () => {
    expect(
      suspectedDuplicates(fresh, [candidate({ registeredAt: '2026-02-28T11:59:59.000Z' })], now),
    ).toEqual([]);
  });

  it('when no party overlaps, it is not suspected', () => {
    expect(suspectedDuplicates(fresh, [candidate({ partyNameHashes: ['h-q'] })], now)).toEqual([]);
  });
});

describe('case numbers', () => {
  it('read EM-<year>-<region two digits>-<six-digit sequence>, counted per region and year', () => {
    expect(formatCaseNumber('750000000', 2026, 42)).toBe('EM-2026-75-000042');
    expect(caseNumberCounterKey('750000000', 2026)).toBe('75-2026');
  });
});

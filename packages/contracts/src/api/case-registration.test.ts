import { describe, expect, it } from 'vitest';
import { isDistrictOf, isKnownDistrict, isKnownRegion } from '../reference/regions.ts';
import { districtNotInRegion, localityNotInDistrict, registerCaseBodySchema } from './case-registration.ts';
import { registerCaseBody } from './cases.ts';

const body = {
  region: '750000000',
  district: '751710000',
  category: 'neighbourhood',
  urgency: 'high',
  parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'Айгерим' }],
};

const messagesOf = (input: unknown) =>
  registerCaseBody.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];

describe('the registration of a case', () => {
  it('accepts a case in a known district of its region, with no risk flags by default', () => {
    expect(registerCaseBody.parse(body)).toMatchObject({ riskFlags: [], district: '751710000' });
  });

  it('refuses unknown codes, a district of another region and a locality outside the district', () => {
    expect(messagesOf({ ...body, region: '990000000' })).toContain('unknown region KATO code');
    expect(messagesOf({ ...body, district: '711110000' })).toContain(districtNotInRegion);
    expect(messagesOf({ ...body, locality: '751710123' })).toEqual([]);
    expect(messagesOf({ ...body, locality: '751720123' })).toContain(localityNotInDistrict);
  });

  it('refuses a field it does not know', () => {
    expect(registerCaseBody.safeParse({ ...body, note: 'x' }).success).toBe(false);
  });

  it('asks the given territory lookup, as the browser passes the reference data it fetched', () => {
    const nowhere = registerCaseBodySchema({
      isKnownRegion: () => true,
      isKnownDistrict: () => true,
      isDistrictOf: () => false,
    });
    expect(nowhere.safeParse(body).error?.issues[0]?.message).toBe(districtNotInRegion);
    const reference = registerCaseBodySchema({ isKnownRegion, isKnownDistrict, isDistrictOf });
    expect(reference.safeParse(body).success).toBe(true);
  });
});

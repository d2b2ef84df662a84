import { describe, expect, it } from 'vitest';
import {
  districtCodeSchema,
  districts,
  districtsOf,
  findDistrict,
  findRegion,
  isDistrictOf,
  isKnownRegion,
  regionCodeSchema,
  regionOfDistrict,
  regions,
} from './regions.ts';

describe('regions and districts of Kazakhstan', () => {
  it('has 17 regions and 3 cities of republican significance', () => {
    expect(regions).toHaveLength(20);
    expect(regions.filter((region) => region.kind === 'city_of_republican_significance')).toHaveLength(3);
  });

  it('has 224 districts, each inside an existing region', () => {
    expect(districts).toHaveLength(224);
    for (const district of districts) {
      expect(findRegion(district.regionKato)).toBeDefined();
      expect(district.kato.slice(0, 2)).toBe(district.regionKato.slice(0, 2));
    }
    expect(regions.reduce((sum, region) => sum + districtsOf(region.kato).length, 0)).toBe(224);
  });

  it('finds Almaty city by its KATO code, with Kazakh and Russian names', () => {
    const almaty = findRegion('750000000');
    expect(almaty).toMatchObject({
      pcode: 'KZ75',
      iso: 'KZ-75',
      kind: 'city_of_republican_significance',
      names: { kk: 'Алматы (қала)', ru: 'Алматы' },
      adminCenter: null,
    });
    expect(districtsOf('750000000').map((district) => district.names.en)).toContain('Medeu');
  });

  it("knows a district's region", () => {
    expect(findDistrict('751310000')?.names.kk).toBe('Әуезов');
    expect(regionOfDistrict('751310000')?.names.en).toBe('Almaty (city)');
    expect(isDistrictOf('751310000', '750000000')).toBe(true);
    expect(isDistrictOf('751310000', '190000000')).toBe(false);
  });

  it('rejects unknown KATO codes', () => {
    expect(isKnownRegion('990000000')).toBe(false);
    expect(findRegion('751310000')).toBeUndefined();
    expect(regionOfDistrict('999999999')).toBeUndefined();
    expect(districtsOf('990000000')).toEqual([]);
    expect(regionCodeSchema.safeParse('750000000').success).toBe(true);
    expect(regionCodeSchema.safeParse('990000000').success).toBe(false);
    expect(regionCodeSchema.safeParse('751310000').success).toBe(false);
    expect(districtCodeSchema.safeParse('751310000').success).toBe(true);
    expect(districtCodeSchema.safeParse('75131000').success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { covers, isRegionCode, regionOf, regionsReached, wholeRepublic } from './kato.ts';

const almaty = '750000000';
const almatyDistrict = '751310000';
const abay = '100000000';
const semey = '101000000';
const semeyDistrict = '101010000';

describe('region of a code', () => {
  it('is the code’s first two digits followed by zeros', () => {
    expect(regionOf(almatyDistrict)).toBe(almaty);
    expect(regionOf('751310123')).toBe(almaty);
    expect(regionOf(almaty)).toBe(almaty);
  });

  it('tells region codes from the codes below them', () => {
    expect(isRegionCode(almaty)).toBe(true);
    expect(isRegionCode(abay)).toBe(true);
    expect(isRegionCode(semey)).toBe(false);
    expect(isRegionCode(almatyDistrict)).toBe(false);
  });
});

describe('a territory covering a code', () => {
  it('the whole republic covers every code', () => {
    expect(covers(wholeRepublic, almatyDistrict)).toBe(true);
    expect(covers(wholeRepublic, abay)).toBe(true);
  });

  it('a region covers itself and its districts, not another region’s', () => {
    expect(covers(almaty, almaty)).toBe(true);
    expect(covers(almaty, almatyDistrict)).toBe(true);
    expect(covers(abay, semey)).toBe(true);
    expect(covers(abay, almatyDistrict)).toBe(false);
    // 10… and 11… are different regions even though `100000000` trimmed of zeros is `1`.
    expect(covers(abay, '110000000')).toBe(false);
  });

  it('a district covers itself and its own settlements, not its neighbours', () => {
    expect(covers(almatyDistrict, almatyDistrict)).toBe(true);
    expect(covers(almatyDistrict, '751310123')).toBe(true);
    expect(covers(almatyDistrict, '751320000')).toBe(false);
    expect(covers(almatyDistrict, '751311000')).toBe(false);
    expect(covers(almatyDistrict, almaty)).toBe(false);
    expect(covers(semey, semeyDistrict)).toBe(true);
    expect(covers(semey, '101800000')).toBe(false);
  });
});

describe('regions reached by a token’s territories', () => {
  it('are the regions of its codes, each once, or all with the whole republic', () => {
    expect(regionsReached([almatyDistrict, almaty, semey])).toEqual([almaty, abay]);
    expect(regionsReached([semey, wholeRepublic])).toBe('all');
    expect(regionsReached([])).toEqual([]);
  });
});

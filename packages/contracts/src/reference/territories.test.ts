import { describe, expect, it } from 'vitest';
import { parseTerritories } from './territories.ts';

const regionsHeader =
  'kato,hdx_pcode,iso_3166_2,iso_3166_2_legacy_alpha,type,name_en,name_kk,name_ru,admin_center_en';
const almaty =
  '750000000,KZ75,KZ-75,KZ-ALA,city_of_republican_significance,Almaty (city),Алматы (қала),Алматы,-';
const districtsHeader = 'KATO,ADM1_PCODE,ADM1_EN,ADM2_PCODE,ADM2_EN,ADM2_KK,ADM2_RU';
const medeu = '751710000,KZ75,Almaty (city),KZ751710,Medeu,Медеу,Медеуский';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('validating reference rows', () => {
  it('builds regions and districts from good rows', () => {
    const { regions, districts } = parseTerritories(csv(regionsHeader, almaty), csv(districtsHeader, medeu));
    expect(regions).toHaveLength(1);
    expect(districts).toEqual([
      {
        kato: '751710000',
        pcode: 'KZ751710',
        regionKato: '750000000',
        names: { en: 'Medeu', kk: 'Медеу', ru: 'Медеуский' },
      },
    ]);
  });

  it('names the file and line of a code that is not 9 digits', () => {
    expect(() =>
      parseTerritories(csv(regionsHeader, almaty.replace('750000000', '75000000')), csv(districtsHeader)),
    ).toThrow(/kz_adm1_2024\.csv line 2: kato/);
  });

  it('refuses a row without its Kazakh name', () => {
    expect(() =>
      parseTerritories(csv(regionsHeader, almaty), csv(districtsHeader, medeu.replace('Медеу,', ','))),
    ).toThrow(/kz_adm2_2024_geokz\.csv line 2: ADM2_KK: name missing/);
  });

  it('refuses a district whose parent region does not exist', () => {
    expect(() =>
      parseTerritories(csv(regionsHeader, almaty), csv(districtsHeader, medeu.replace('KZ75,', 'KZ76,'))),
    ).toThrow(/line 2: parent region KZ76 does not exist/);
  });

  it('refuses a duplicate code', () => {
    expect(() => parseTerritories(csv(regionsHeader, almaty), csv(districtsHeader, medeu, medeu))).toThrow(
      /kz_adm2_2024_geokz\.csv line 3: duplicate KATO code 751710000/,
    );
  });

  it('reads quoted fields with commas and escaped quotes', () => {
    const quoted =
      '750000000,KZ75,KZ-75,KZ-ALA,city_of_republican_significance,"Almaty, city","Алматы ""қала""",Алматы,-';
    const { regions } = parseTerritories(csv(regionsHeader, quoted), csv(districtsHeader));
    expect(regions[0]?.names).toEqual({ en: 'Almaty, city', kk: 'Алматы "қала"', ru: 'Алматы' });
  });
});

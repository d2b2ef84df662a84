// Synthetic partner organisations of the Assembly of People of Kazakhstan's network for the demo
// data (issue 27): one of every kind in each demo region, named in Kazakh and Russian the way such
// organisations are named, after the region or its district. Deterministic; no real person.
import type { PartnerKind } from '@kelisim/contracts/reference/partner-vocabulary';
import type { District, Region } from '@kelisim/contracts/reference/territories';

type Names = { kk: string; ru: string };

/** Ethnocultural centres the demo regions have, by the community they represent. */
const associations = [
  { community: 'korean', kk: 'кәріс', ru: 'Корейский' },
  { community: 'uyghur', kk: 'ұйғыр', ru: 'Уйгурский' },
  { community: 'german', kk: 'неміс', ru: 'Немецкий' },
  { community: 'ukrainian', kk: 'украин', ru: 'Украинский' },
  { community: 'tatar', kk: 'татар-башқұрт', ru: 'Татаро-башкирский' },
  { community: 'uzbek', kk: 'өзбек', ru: 'Узбекский' },
] as const;

/** "Жамбыл облысы" / "Жамбылской области"; a city of republican significance as a city. */
function regionWords(region: Region): { kk: string; ruGenitive: string } {
  if (region.kind === 'city_of_republican_significance') {
    const kk = region.names.kk.replace(/\s*\(қала\)$/, '');
    return { kk: `${kk} қаласы`, ruGenitive: `города ${region.names.ru}` };
  }
  return { kk: `${region.names.kk} облысы`, ruGenitive: `${region.names.ru.replace(/ая$/, 'ой')} области` };
}

/** A district by its adjective ("Байзакский" → "Байзакского района"), a town by its name. */
function districtWords(district: District): { kk: string; ruGenitive: string } {
  const { kk, ru } = district.names;
  if (/ский$/.test(ru)) return { kk: `${kk} ауданы`, ruGenitive: `${ru.replace(/ский$/, 'ского')} района` };
  return { kk: `${kk} қаласы`, ruGenitive: `города ${ru}` };
}

export type PartnerNaming = { names: Names; communities: string[] };

/** The names (and communities) of the demo partner of `kind` in `region`, by its district. */
export function partnerNaming(
  kind: PartnerKind,
  region: Region,
  district: District,
  index: number,
): PartnerNaming {
  const r = regionWords(region);
  const d = districtWords(district);
  const assembly = 'Қазақстан халқы Ассамблеясы';
  const none: string[] = [];
  switch (kind) {
    case 'ethnocultural_association': {
      const centre = associations[index % associations.length]!;
      return {
        names: {
          kk: `${r.kk} ${centre.kk} этномәдени орталығы`,
          ru: `${centre.ru} этнокультурный центр ${r.ruGenitive}`,
        },
        communities: [centre.community],
      };
    }
    case 'regional_assembly':
      return {
        names: { kk: `${r.kk} ${assembly}`, ru: `Ассамблея народа Казахстана ${r.ruGenitive}` },
        communities: none,
      };
    case 'district_assembly':
      return {
        names: { kk: `${d.kk} ${assembly}`, ru: `Ассамблея народа Казахстана ${d.ruGenitive}` },
        communities: none,
      };
    case 'council_of_elders':
      return {
        names: { kk: `${r.kk} Ақсақалдар кеңесі`, ru: `Совет старейшин ${r.ruGenitive}` },
        communities: none,
      };
    case 'council_of_mothers':
      return {
        names: { kk: `${d.kk} Аналар кеңесі`, ru: `Совет матерей ${d.ruGenitive}` },
        communities: none,
      };
    case 'house_of_friendship':
      return {
        names: { kk: `${r.kk} ${assembly}ның Достық үйі`, ru: `Дом дружбы ${r.ruGenitive}` },
        communities: none,
      };
    case 'youth_assembly':
      return {
        names: {
          kk: `«Ассамблея жастары» қозғалысының ${r.kk} филиалы`,
          ru: `Филиал движения «Ассамблея жастары» ${r.ruGenitive}`,
        },
        communities: none,
      };
    case 'student_assembly':
      return {
        names: { kk: `${r.kk} Студенттік ассамблеясы`, ru: `Студенческая ассамблея ${r.ruGenitive}` },
        communities: none,
      };
    case 'other':
      return {
        names: {
          kk: `«Бірлік пен келісім» қоғамдық қоры (${r.kk})`,
          ru: `Общественный фонд «Единство и согласие» ${r.ruGenitive}`,
        },
        communities: none,
      };
  }
}

// Territories for pickers and labels, fetched once from the console (the contracts read them from
// CSV files, which the browser cannot).
import type { Lang } from '../i18n.ts';

export type Territory = { kato: string; regionKato?: string; names: Record<Lang, string> };
export type Reference = {
  regions: Territory[];
  districts: Territory[];
  name: (kato: string | null | undefined, lang: Lang) => string;
  districtsOf: (region: string) => Territory[];
  isKnownRegion: (kato: string) => boolean;
  isKnownDistrict: (kato: string) => boolean;
  isDistrictOf: (district: string, region: string) => boolean;
};

export async function loadReference(): Promise<Reference> {
  const response = await fetch('/api/reference');
  const data = (await response.json()) as { regions: Territory[]; districts: Territory[] };
  const byKato = new Map([...data.regions, ...data.districts].map((t) => [t.kato, t]));
  const regionCodes = new Set(data.regions.map((r) => r.kato));
  const districtCodes = new Set(data.districts.map((d) => d.kato));
  const collator = new Intl.Collator('ru');
  const regions = [...data.regions].sort((a, b) => collator.compare(a.names.ru, b.names.ru));
  return {
    regions,
    districts: data.districts,
    name: (kato, lang) => (kato ? (byKato.get(kato)?.names[lang] ?? kato) : '—'),
    districtsOf: (region) => data.districts.filter((d) => d.regionKato === region),
    isKnownRegion: (kato) => regionCodes.has(kato),
    isKnownDistrict: (kato) => districtCodes.has(kato),
    isDistrictOf: (district, region) => byKato.get(district)?.regionKato === region,
  };
}

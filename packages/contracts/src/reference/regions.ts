import { readFileSync } from 'node:fs';
import { katoCodeSchema } from '../fields.ts';
import { type District, parseTerritories, type Region } from './territories.ts';

// Kazakhstan's regions and districts, loaded and validated once when this module is first imported
// (a bad row stops the service at start, not at the first request). Credit: HDX COD-AB Kazakhstan /
// geokz, CC BY 4.0 (data/README.md).

const read = (file: string) => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');

const territories = parseTerritories(read('kz_adm1_2024.csv'), read('kz_adm2_2024_geokz.csv'));

export const regions: readonly Region[] = territories.regions;
export const districts: readonly District[] = territories.districts;

const regionByKato = new Map(regions.map((region) => [region.kato, region]));
const districtByKato = new Map(districts.map((district) => [district.kato, district]));
const districtsByRegion = new Map<string, District[]>(regions.map((region) => [region.kato, []]));
for (const district of districts) districtsByRegion.get(district.regionKato)?.push(district);

export function findRegion(kato: string): Region | undefined {
  return regionByKato.get(kato);
}

export function findDistrict(kato: string): District | undefined {
  return districtByKato.get(kato);
}

/** The districts of a region; empty for an unknown region. */
export function districtsOf(regionKato: string): readonly District[] {
  return districtsByRegion.get(regionKato) ?? [];
}

export function regionOfDistrict(districtKato: string): Region | undefined {
  const district = districtByKato.get(districtKato);
  return district && regionByKato.get(district.regionKato);
}

export function isKnownRegion(kato: string): boolean {
  return regionByKato.has(kato);
}

export function isKnownDistrict(kato: string): boolean {
  return districtByKato.has(kato);
}

export function isDistrictOf(districtKato: string, regionKato: string): boolean {
  return districtByKato.get(districtKato)?.regionKato === regionKato;
}

/** A KATO code of a known region (oblys or city of republican significance); for input at the edge. */
export const regionCodeSchema = katoCodeSchema.refine(isKnownRegion, 'unknown region KATO code');

/** A KATO code of a known district or city district; for input at the edge. */
export const districtCodeSchema = katoCodeSchema.refine(isKnownDistrict, 'unknown district KATO code');

export type { District, Region, TerritoryNames } from './territories.ts';

import { z } from 'zod';
import { katoCodeSchema } from '../fields.ts';
import { type CsvRow, parseCsv } from './csv.ts';

// Validates the reference rows (data/README.md) and builds the region and district lists. Pure: the
// caller reads the files; a bad row fails loudly, naming the file and line.

export interface TerritoryNames {
  readonly en: string;
  readonly kk: string;
  readonly ru: string;
}

export interface Region {
  readonly kato: string;
  /** HDX p-code, `KZ75`. */
  readonly pcode: string;
  /** ISO 3166-2, `KZ-75`. */
  readonly iso: string;
  readonly kind: 'oblys' | 'city_of_republican_significance';
  readonly names: TerritoryNames;
  /** The administrative centre's English name; null for the three cities. */
  readonly adminCenter: string | null;
}

export interface District {
  readonly kato: string;
  readonly pcode: string;
  readonly regionKato: string;
  readonly names: TerritoryNames;
}

const name = z.string().trim().min(1, 'name missing');

const regionRow = z.object({
  kato: katoCodeSchema.regex(/^\d{2}0{7}$/, 'a region code ends in seven zeros'),
  hdx_pcode: z.string().regex(/^KZ\d{2}$/),
  iso_3166_2: z.string().regex(/^KZ-\d{2}$/),
  type: z.enum(['oblys', 'city_of_republican_significance']),
  name_en: name,
  name_kk: name,
  name_ru: name,
  admin_center_en: name,
});

const districtRow = z.object({
  KATO: katoCodeSchema,
  ADM1_PCODE: z.string().regex(/^KZ\d{2}$/),
  ADM2_PCODE: z.string().regex(/^KZ\d{6}$/),
  ADM2_EN: name,
  ADM2_KK: name,
  ADM2_RU: name,
});

function validRow<T extends z.ZodType>(schema: T, row: CsvRow, file: string): z.output<T> {
  const result = schema.safeParse(row.values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`${file} line ${row.line}: ${problems}`);
}

export function parseTerritories(
  regionsCsv: string,
  districtsCsv: string,
  files = { regions: 'kz_adm1_2024.csv', districts: 'kz_adm2_2024_geokz.csv' },
): { regions: Region[]; districts: District[] } {
  const regions: Region[] = [];
  const regionByPcode = new Map<string, Region>();
  const seen = new Set<string>();
  const claim = (kato: string, file: string, line: number) => {
    if (seen.has(kato)) throw new Error(`${file} line ${line}: duplicate KATO code ${kato}`);
    seen.add(kato);
  };

  for (const row of parseCsv(regionsCsv)) {
    const r = validRow(regionRow, row, files.regions);
    claim(r.kato, files.regions, row.line);
    if (r.iso_3166_2.slice(3) !== r.kato.slice(0, 2) || r.hdx_pcode.slice(2) !== r.kato.slice(0, 2)) {
      throw new Error(
        `${files.regions} line ${row.line}: codes ${r.hdx_pcode}, ${r.iso_3166_2} disagree with KATO ${r.kato}`,
      );
    }
    const region: Region = {
      kato: r.kato,
      pcode: r.hdx_pcode,
      iso: r.iso_3166_2,
      kind: r.type,
      names: { en: r.name_en, kk: r.name_kk, ru: r.name_ru },
      adminCenter: r.admin_center_en === '-' ? null : r.admin_center_en,
    };
    regions.push(region);
    regionByPcode.set(region.pcode, region);
  }

  const districts: District[] = [];
  for (const row of parseCsv(districtsCsv)) {
    const d = validRow(districtRow, row, files.districts);
    claim(d.KATO, files.districts, row.line);
    const region = regionByPcode.get(d.ADM1_PCODE);
    if (!region)
      throw new Error(`${files.districts} line ${row.line}: parent region ${d.ADM1_PCODE} does not exist`);
    if (d.KATO.slice(0, 2) !== region.kato.slice(0, 2)) {
      throw new Error(
        `${files.districts} line ${row.line}: KATO ${d.KATO} lies outside its region ${region.kato}`,
      );
    }
    districts.push({
      kato: d.KATO,
      pcode: d.ADM2_PCODE,
      regionKato: region.kato,
      names: { en: d.ADM2_EN, kk: d.ADM2_KK, ru: d.ADM2_RU },
    });
  }
  return { regions, districts };
}

// Where each region's tile stands on the dashboard's map: a tile cartogram of Kazakhstan, a cell of
// a 7 × 5 grid per region (KATO code), west to east and north to south, the three cities of
// republican significance beside the region around them. Reading order (row, then column) is the
// order tiles are listed, so keyboard and screen-reader users go through them as the eye does.
export const tileColumns = 7;
export const tileRows = 5;

export const regionTiles: Readonly<Record<string, { column: number; row: number }>> = {
  '270000000': { column: 1, row: 1 }, // West Kazakhstan
  '390000000': { column: 3, row: 1 }, // Kostanay
  '590000000': { column: 4, row: 1 }, // North Kazakhstan
  '550000000': { column: 5, row: 1 }, // Pavlodar
  '230000000': { column: 1, row: 2 }, // Atyrau
  '150000000': { column: 2, row: 2 }, // Aktobe
  '110000000': { column: 3, row: 2 }, // Akmola
  '710000000': { column: 4, row: 2 }, // Astana
  '630000000': { column: 6, row: 2 }, // East Kazakhstan
  '470000000': { column: 1, row: 3 }, // Mangystau
  '620000000': { column: 3, row: 3 }, // Ulytau
  '350000000': { column: 4, row: 3 }, // Karagandy
  '100000000': { column: 5, row: 3 }, // Abay
  '330000000': { column: 6, row: 3 }, // Zhetysu
  '430000000': { column: 2, row: 4 }, // Kyzylorda
  '610000000': { column: 3, row: 4 }, // Turkestan
  '310000000': { column: 4, row: 4 }, // Zhambyl
  '190000000': { column: 5, row: 4 }, // Almaty region
  '790000000': { column: 3, row: 5 }, // Shymkent
  '750000000': { column: 5, row: 5 }, // Almaty
};

/** Regions in reading order of the map; a region with no cell (a new one) comes last. */
export function byTile<T extends { kato: string }>(regions: readonly T[]): T[] {
  const place = (kato: string) => {
    const tile = regionTiles[kato];
    return tile ? tile.row * 100 + tile.column : 10_000;
  };
  return [...regions].sort((a, b) => place(a.kato) - place(b.kato));
}

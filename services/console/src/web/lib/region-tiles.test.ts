import { regions } from '@kelisim/contracts/reference/regions';
import { describe, expect, it } from 'vitest';
import { byTile, regionTiles, tileColumns, tileRows } from './region-tiles.ts';

describe('the tile map of regions', () => {
  it('gives every region of the reference data a cell of its own inside the grid', () => {
    const cells = regions.map((region) => regionTiles[region.kato]);
    expect(cells.every((cell) => cell !== undefined)).toBe(true);
    const keys = cells.map((cell) => `${cell?.row}:${cell?.column}`);
    expect(new Set(keys).size).toBe(regions.length);
    for (const cell of cells) {
      expect(cell?.column).toBeGreaterThanOrEqual(1);
      expect(cell?.column).toBeLessThanOrEqual(tileColumns);
      expect(cell?.row).toBeGreaterThanOrEqual(1);
      expect(cell?.row).toBeLessThanOrEqual(tileRows);
    }
  });

  it('lists the regions north to south, west to east', () => {
    const order = byTile(regions).map((region) => region.kato);
    expect(order[0]).toBe('270000000');
    expect(order.at(-1)).toBe('750000000');
  });
});

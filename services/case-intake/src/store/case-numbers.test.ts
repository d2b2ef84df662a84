import { describe, expect, it } from 'vitest';
import { firstFree } from './case-numbers.ts';

const takenUpTo =
  (last: number, holes: number[] = []) =>
  async (n: number) =>
    n <= last && !holes.includes(n);

describe('firstFree', () => {
  it('answers the start when it is free', async () => {
    expect(await firstFree(1, takenUpTo(0))).toBe(1);
  });

  it.each([1, 2, 3, 7, 8, 9, 1000, 1023, 1024])(
    'finds the number after an unbroken run of %i',
    async (last) => {
      expect(await firstFree(1, takenUpTo(last))).toBe(last + 1);
    },
  );

  it('searches from where it is told, past numbers taken by someone else', async () => {
    expect(await firstFree(40, takenUpTo(57))).toBe(58);
  });

  it('answers a free number whose predecessor is taken, so a hole may be filled but nothing is issued twice', async () => {
    const found = await firstFree(1, takenUpTo(20, [7]));
    expect([7, 21]).toContain(found);
  });

  it('probes by doubling, then halving: about 2·log2(n) reads, not n', async () => {
    let probes = 0;
    const isTaken = async (n: number) => {
      probes++;
      return n <= 5000;
    };
    expect(await firstFree(1, isTaken)).toBe(5001);
    expect(probes).toBeLessThanOrEqual(28);
  });
});

import { describe, expect, it } from 'vitest';
import { formatUuidV7, uuidV7Generator, uuidV7Schema, uuidV7Time } from './uuid-v7.ts';

describe('UUIDv7', () => {
  it('encodes the millisecond timestamp, version 7 and the RFC 9562 variant', () => {
    const at = Date.parse('2025-03-03T05:00:00.123Z');
    const id = uuidV7Generator(() => at)();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(id)).toBe(at);
    expect(uuidV7Schema.safeParse(id).success).toBe(true);
  });

  it('sorts ids by time, as strings', () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const next = uuidV7Generator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      now += 1 + (i % 3) * 1000;
      ids.push(next());
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays strictly increasing within one millisecond and when the clock steps back', () => {
    let now = 1_700_000_000_000;
    const next = uuidV7Generator(() => now);
    const ids = Array.from({ length: 5000 }, (_, i) => {
      if (i === 2500) now -= 10_000;
      return next();
    });
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the largest 48-bit time and refuses a time beyond it', () => {
    const random = new Uint8Array(10);
    expect(formatUuidV7(2 ** 48 - 1, 0, random)).toBe('ffffffff-ffff-7000-8000-000000000000');
    expect(() => formatUuidV7(2 ** 48, 0, random)).toThrow(RangeError);
  });
});

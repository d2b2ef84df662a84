import { describe, expect, it } from 'vitest';
import { nameOrigins, syntheticName, syntheticPhone } from './names.ts';

describe('synthetic names', () => {
  it('are deterministic', () => {
    expect(syntheticName(5)).toBe(syntheticName(5));
    expect(syntheticName(5, 'kk')).toBe(syntheticName(5, 'kk'));
  });

  it('vary across indexes and cover every origin', () => {
    const names = new Set(Array.from({ length: 30 }, (_, i) => syntheticName(i)));
    expect(names.size).toBeGreaterThan(20);
    for (const origin of nameOrigins) expect(syntheticName(1, origin)).toMatch(/^\S+ \S+$/);
  });

  it('give phone numbers the services accept', () => {
    expect(syntheticPhone(3)).toMatch(/^\+?[0-9 ()-]{5,24}$/);
  });
});

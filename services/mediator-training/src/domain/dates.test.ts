import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, validUntilFor } from './dates.ts';

describe('certificate dates', () => {
  it('a three-year certificate from 1 March 2025 is valid through 29 February 2028', () => {
    expect(validUntilFor('2025-03-01', 36)).toBe('2028-02-29');
  });

  it('a month after 31 January is the last day of February', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('counts whole days, negative when the end is earlier', () => {
    expect(daysBetween('2025-01-01', '2025-03-02')).toBe(60);
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(-1);
  });
});

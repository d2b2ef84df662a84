import { describe, expect, it } from 'vitest';
import { validUntilFor } from './dates.ts';

describe('certificate dates', () => {
  it('a three-year certificate from 1 March 2025 is valid through 29 February 2028', () => {
    expect(validUntilFor('2025-03-01', 36)).toBe('2028-02-29');
  });

  it('a one-month certificate from 31 January ends on the last day of February, less one day', () => {
    expect(validUntilFor('2025-01-31', 1)).toBe('2025-02-27');
  });
});

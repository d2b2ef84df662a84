import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ValidationError } from './errors.ts';

describe('keyset cursors', () => {
  it('give back the keys they were made of, strings as strings and instants as dates', () => {
    const at = new Date('2026-05-10T08:00:00.000Z');
    const cursor = encodeCursor([at, 'case-7']);
    expect(decodeCursor(cursor, ['date', 'string'])).toEqual([at, 'case-7']);
    expect(decodeCursor(encodeCursor(['med-1']), ['string'])).toEqual(['med-1']);
  });

  it('are opaque: base64url, nothing a client would read as a query', () => {
    expect(encodeCursor(['2026-01-01', 'v/1?x'])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('without a cursor the first page is asked for', () => {
    expect(decodeCursor(undefined, ['string'])).toBeNull();
  });

  it('a cursor this API did not give out is a 400 naming the cursor', () => {
    const bad = [
      'not base64 json',
      encodeCursor(['only-one']),
      Buffer.from('{"s":"x"}').toString('base64url'),
      encodeCursor(['not a date', 'id']),
    ];
    for (const cursor of bad) {
      const decoding = () => decodeCursor(cursor, ['date', 'string']);
      expect(decoding).toThrow(ValidationError);
      try {
        decoding();
      } catch (error) {
        expect((error as ValidationError).errors?.[0]?.path).toBe('/querystring/cursor');
      }
    }
  });
});

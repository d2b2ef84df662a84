import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOf, daysBetween, endOfDay, startOfDay } from './calendar.ts';

describe('the users’ day', () => {
  it('turns at midnight in Kazakhstan, 19:00 UTC: 19:30 UTC is already the next day', () => {
    expect(dayOf(new Date('2026-05-20T18:59:59.999Z'))).toBe('2026-05-20');
    expect(dayOf(new Date('2026-05-20T19:00:00.000Z'))).toBe('2026-05-21');
    expect(dayOf(new Date('2026-05-20T19:30:00Z'))).toBe('2026-05-21');
    expect(dayOf(new Date('2026-05-21T00:00:00Z'))).toBe('2026-05-21');
  });

  it('turns the year and the month with the calendar of Kazakhstan', () => {
    expect(dayOf(new Date('2026-12-31T19:30:00Z'))).toBe('2027-01-01');
    expect(dayOf(new Date('2028-02-28T20:00:00Z'))).toBe('2028-02-29');
  });

  it('is UTC+5 since 1 March 2024, when the country moved to one zone', () => {
    // At UTC+5 this instant is 23:30 on the 1st; at the former UTC+6 it would be the 2nd.
    expect(dayOf(new Date('2025-03-01T18:30:00Z'))).toBe('2025-03-01');
  });
});

describe('where a day begins', () => {
  it('begins at 19:00 UTC the evening before, and the instants of a day are its own', () => {
    expect(startOfDay('2026-12-08').toISOString()).toBe('2026-12-07T19:00:00.000Z');
    expect(dayOf(startOfDay('2026-12-08'))).toBe('2026-12-08');
    expect(dayOf(new Date(startOfDay('2026-12-08').getTime() - 1))).toBe('2026-12-07');
    expect(endOfDay('2026-12-07').toISOString()).toBe('2026-12-07T18:59:59.999Z');
  });

  it('began at 18:00 UTC before 1 March 2024, when Almaty was UTC+6', () => {
    expect(startOfDay('2024-01-15').toISOString()).toBe('2024-01-14T18:00:00.000Z');
  });
});

describe('day arithmetic', () => {
  it('adds and subtracts days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('a month after 31 January is the last day of February', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-01', 36)).toBe('2028-03-01');
  });

  it('counts whole days, negative when the end is earlier', () => {
    expect(daysBetween('2025-01-01', '2025-03-02')).toBe(60);
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(-1);
  });
});

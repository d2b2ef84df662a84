import { describe, expect, it } from 'vitest';
import { acknowledgeBy, defaultAckDeadlines, parseAckDeadlines } from './severity.ts';

describe('acknowledgement deadlines', () => {
  const raised = new Date('2026-03-01T10:00:00Z');

  it('a critical alert must be acknowledged within 15 minutes, a low one within a day', () => {
    expect(acknowledgeBy(raised, 'critical', defaultAckDeadlines).toISOString()).toBe(
      '2026-03-01T10:15:00.000Z',
    );
    expect(acknowledgeBy(raised, 'high', defaultAckDeadlines).toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(acknowledgeBy(raised, 'medium', defaultAckDeadlines).toISOString()).toBe(
      '2026-03-01T14:00:00.000Z',
    );
    expect(acknowledgeBy(raised, 'low', defaultAckDeadlines).toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('deadlines are configurable per severity and keep the defaults for the others', () => {
    const deadlines = parseAckDeadlines('critical=5m, high=90s');
    expect(deadlines.critical).toBe(300_000);
    expect(deadlines.high).toBe(90_000);
    expect(deadlines.low).toBe(defaultAckDeadlines.low);
    expect(() => parseAckDeadlines('urgent=5m')).toThrow(/severity/);
  });
});

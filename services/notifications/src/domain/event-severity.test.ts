import { describe, expect, it } from 'vitest';
import { escalatedCaseSeverity, expirySeverity, riskChangeSeverity } from './event-severity.ts';

describe('the severity of an event', () => {
  it('an escalated case is at least high; a critical one stays critical', () => {
    expect(escalatedCaseSeverity('low')).toBe('high');
    expect(escalatedCaseSeverity('critical')).toBe('critical');
  });

  it('a risk band rising takes the band’s severity; falling is low whatever the band', () => {
    expect(riskChangeSeverity('rising', 'elevated')).toBe('medium');
    expect(riskChangeSeverity('rising', 'critical')).toBe('critical');
    expect(riskChangeSeverity('falling', 'high')).toBe('low');
  });

  it('a certificate expiring within a week is high, within a month medium, later low', () => {
    expect([7, 8, 30, 31].map(expirySeverity)).toEqual(['high', 'medium', 'medium', 'low']);
  });
});

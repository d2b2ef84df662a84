import { describe, expect, it } from 'vitest';
import { registeredCase } from './case-fixtures.test-support.ts';
import { changedFields } from './changed-fields.ts';

describe('the fields a change touched', () => {
  it('names every field of a new case', () => {
    const state = registeredCase().state;
    expect(changedFields(null, state)).toContain('parties');
    expect(changedFields(null, state)).not.toContain('updatedAt');
  });

  it('names only the fields whose value differs, not the bookkeeping', () => {
    const before = registeredCase().state;
    const after = { ...before, urgency: 'critical' as const, updatedAt: '2099-01-01T00:00:00.000Z' };
    expect(changedFields(before, after)).toEqual(['urgency']);
  });
});

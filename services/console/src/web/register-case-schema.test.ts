// The registration form's rules, field by field, in the words a mediator reads.
import { registerCaseBodySchema } from '@kelisim/contracts/api/case-registration';
import { isDistrictOf, isKnownDistrict, isKnownRegion } from '@kelisim/contracts/reference/regions';
import { describe, expect, it } from 'vitest';
import { fieldMessages, withoutBlanks } from './register-case-schema.ts';

const schema = registerCaseBodySchema({ isKnownRegion, isKnownDistrict, isDistrictOf });
const valid = {
  region: '750000000',
  district: '751710000',
  category: 'neighbourhood',
  urgency: 'critical',
  riskFlags: [],
  description: '',
  parties: [{ kind: 'individual', role: 'claimant', language: 'kk', name: 'Айгерим', contacts: '' }],
};

function messagesFor(input: unknown) {
  const parsed = schema.safeParse(withoutBlanks(input));
  if (parsed.success) return new Map();
  return fieldMessages(parsed.error);
}

describe('the registration form', () => {
  it('accepts a complete case, leaving out the fields left blank', () => {
    const parsed = schema.safeParse(withoutBlanks(valid));
    expect(parsed.success).toBe(true);
    expect(parsed.data).not.toHaveProperty('description');
    expect(parsed.data?.parties[0]).not.toHaveProperty('contacts');
  });

  it('says which party’s name is missing', () => {
    const input = { ...valid, parties: [{ ...valid.parties[0], name: '' }] };
    expect(messagesFor(input).get('parties.0.name')).toEqual({ key: 'required' });
  });

  it('gives the ceiling of a name that is too long', () => {
    const input = { ...valid, parties: [{ ...valid.parties[0], name: 'a'.repeat(201) }] };
    expect(messagesFor(input).get('parties.0.name')).toEqual({ key: 'tooLong', values: { max: 200 } });
  });

  it('refuses an urgency outside the vocabulary', () => {
    expect(messagesFor({ ...valid, urgency: 'apocalyptic' }).get('urgency')).toEqual({
      key: 'invalidChoice',
    });
  });

  it('refuses a district of another region', () => {
    expect(messagesFor({ ...valid, district: '711110000' }).get('district')).toEqual({
      key: 'districtNotInRegion',
    });
  });

  it('needs at least one party', () => {
    expect(messagesFor({ ...valid, parties: [] }).get('parties')).toEqual({ key: 'atLeastOneParty' });
  });
});

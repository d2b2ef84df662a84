import { describe, expect, it } from 'vitest';
import { RuleViolationError } from './case-errors.ts';
import {
  expectValidEvents,
  given,
  registeredCase,
  testContext,
  toClosed,
} from './case-fixtures.test-support.ts';
import { decide } from './decide.ts';
import { isRetentionDue, redactedSnapshot } from './erasure-decisions.ts';

const ctx = testContext(new Date('2026-03-10T09:00:00.000Z'));
const later = (days: number) => testContext(new Date(ctx.now.getTime() + days * 86_400_000));

describe('a party withdraws consent', () => {
  it('erases that party’s personal fields, keeps the party counted, and says so without values', () => {
    const { state } = registeredCase(ctx);
    const decision = decide(state, { type: 'withdraw-consent', partyId: 'p-2' }, ctx);
    const [kept, erased] = decision.state.parties;
    expect(erased).toMatchObject({
      name: null,
      nameHash: null,
      contacts: null,
      userId: null,
      community: null,
      role: 'respondent',
      language: 'ru',
      consent: { consented: false },
    });
    expect(kept?.name).toEqual(state.parties[0]?.name);
    expect(decision.state.partyNameHashes).toEqual(['h-a']);
    expect(decision.state.status).toBe(state.status);
    expectValidEvents(decision);
    expect(decision.events[0]?.data).toMatchObject({
      reason: 'consent_withdrawn',
      partyIds: ['p-2'],
      erasedFields: ['parties.name', 'parties.contacts', 'parties.userId'],
      partyCount: 2,
    });
  });

  it('is refused for an unknown party and for a party already erased', () => {
    const { state } = registeredCase(ctx);
    expect(() => decide(state, { type: 'withdraw-consent', partyId: 'p-9' }, ctx)).toThrow(
      RuleViolationError,
    );
    const once = decide(state, { type: 'withdraw-consent', partyId: 'p-1' }, ctx).state;
    expect(() => decide(once, { type: 'withdraw-consent', partyId: 'p-1' }, ctx)).toThrow(/already erased/);
  });
});

describe('the retention period', () => {
  it('is due only for an ended case, once the period after its end has passed, and only once', () => {
    const closed = given(toClosed, ctx).state;
    expect(isRetentionDue(registeredCase(ctx).state, 30, later(400).now)).toBe(false);
    expect(isRetentionDue(closed, 30, later(29).now)).toBe(false);
    expect(isRetentionDue(closed, 30, later(30).now)).toBe(true);
    const erased = decide(closed, { type: 'erase-after-retention', retentionDays: 30 }, later(30)).state;
    expect(isRetentionDue(erased, 30, later(90).now)).toBe(false);
    expect(() => decide(erased, { type: 'erase-after-retention', retentionDays: 30 }, later(90))).toThrow(
      /not_due|retention/,
    );
  });

  it('erases every party and the free texts, keeping counts, sessions and outcome', () => {
    const closed = given(toClosed, ctx).state;
    const decision = decide(closed, { type: 'erase-after-retention', retentionDays: 30 }, later(31));
    const next = decision.state;
    expect(next.parties.every((party) => party.name === null && party.contacts === null)).toBe(true);
    expect(next.parties).toHaveLength(closed.parties.length);
    expect(next.description).toBeNull();
    expect(next.sessions).toHaveLength(closed.sessions.length);
    expect(next.sessions.every((session) => session.notes === null)).toBe(true);
    expect(next.outcome).toMatchObject({ kind: closed.outcome?.kind, agreement: null });
    expect(next.status).toBe('closed');
    expectValidEvents(decision);
    expect(decision.events[0]?.data).toMatchObject({ reason: 'retention_expired', partyIds: ['p-1', 'p-2'] });
  });

  it('redacts an earlier snapshot the same way, so history keeps nothing the erasure removed', () => {
    const first = registeredCase(ctx).state;
    const withdrawn = decide(first, { type: 'withdraw-consent', partyId: 'p-1' }, ctx).state;
    const redacted = redactedSnapshot(first, withdrawn);
    expect(redacted.parties[0]).toMatchObject({ name: null, nameHash: null });
    expect(redacted.parties[1]?.name).toEqual(first.parties[1]?.name);
    expect(redacted.description).toEqual(first.description);
    const closed = given(toClosed, ctx).state;
    const erased = decide(closed, { type: 'erase-after-retention', retentionDays: 30 }, later(31)).state;
    expect(redactedSnapshot(first, erased)).toMatchObject({ description: null, partyNameHashes: [] });
  });
});

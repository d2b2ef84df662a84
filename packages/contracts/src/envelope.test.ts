import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema, eventEnvelopeSchema, newEventId } from './envelope.ts';

const valid = {
  specversion: '1.0',
  id: '01955a60-fae0-7001-9a0c-1b2c3d4e5f01',
  type: 'case.registered.v1',
  source: '/services/case-intake',
  subject: 'case-1',
  time: '2025-03-03T10:01:00+05:00',
  correlationid: 'req-1',
  region: '750000000',
  data: { caseId: 'case-1' },
};

describe('event envelope', () => {
  it('accepts a CloudEvents 1.0 envelope with Kelisim extensions', () => {
    expect(eventEnvelopeSchema.parse(valid)).toEqual(valid);
    expect(eventEnvelopeSchema.safeParse({ ...valid, causationid: null }).success).toBe(true);
  });

  it('rejects an id that is not a UUIDv7', () => {
    const v4 = '3b241101-e2bb-4255-8caf-4136c566a962';
    expect(eventEnvelopeSchema.safeParse({ ...valid, id: v4 }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, id: 'evt-1' }).success).toBe(false);
  });

  it('rejects an envelope without a region, or with a region that is not a KATO code', () => {
    const { region: _region, ...withoutRegion } = valid;
    expect(eventEnvelopeSchema.safeParse(withoutRegion).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, region: 'Almaty' }).success).toBe(false);
  });

  it('rejects a missing data, another spec version, an unversioned type and a time without zone', () => {
    const { data: _data, ...withoutData } = valid;
    expect(eventEnvelopeSchema.safeParse(withoutData).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, specversion: '0.3' }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, type: 'case.registered' }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...valid, time: '2025-03-03 10:01' }).success).toBe(false);
  });

  it('validates data with the schema it is given', () => {
    const schema = envelopeSchema(z.object({ caseId: z.string() }));
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, data: {} }).success).toBe(false);
  });

  it('makes fresh event ids that are UUIDv7', () => {
    const id = newEventId();
    expect(eventEnvelopeSchema.safeParse({ ...valid, id }).success).toBe(true);
    expect(newEventId()).not.toBe(id);
  });
});

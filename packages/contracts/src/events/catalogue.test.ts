import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { codeSchema } from '../fields.ts';
import { eventFamilies } from '../topics.ts';
import { buildEvent, eventDataSchema, eventFamilyOf, eventTypes, parseEnvelope } from './catalogue.ts';

function fixture(type: string): Record<string, unknown> & { data: Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${type}.json`, import.meta.url), 'utf8'));
}

describe('event catalogue', () => {
  it('names every type <aggregate>.<fact>.v<N> and files it under a known family', () => {
    for (const type of eventTypes) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v\d+$/);
      expect(eventFamilies).toContain(eventFamilyOf(type));
    }
  });

  it('maps types to the family of their topic', () => {
    expect(eventFamilyOf('case.closed.v1')).toBe('cases');
    expect(eventFamilyOf('certification.renewed.v1')).toBe('mediators');
    expect(eventFamilyOf('region.risk-changed.v1')).toBe('monitoring');
    expect(eventFamilyOf('alert.acknowledged.v1')).toBe('alerts');
    expect(eventFamilyOf('case.teleported.v1')).toBeUndefined();
  });

  it('rejects an unknown type as unknown, not as invalid', () => {
    const result = parseEnvelope({ ...fixture('case.closed.v1'), type: 'case.teleported.v1' });
    expect(result).toMatchObject({ ok: false, reason: 'unknown_type', type: 'case.teleported.v1' });
  });

  it('rejects a known type with a bad payload as invalid, naming the field', () => {
    const event = fixture('case.registered.v1');
    const result = parseEnvelope({ ...event, data: { ...event.data, urgency: 'apocalyptic' } });
    expect(result).toMatchObject({ ok: false, reason: 'invalid_payload', type: 'case.registered.v1' });
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['data.urgency']);
  });

  it('rejects a broken envelope before looking at the type', () => {
    const { region: _region, ...withoutRegion } = fixture('case.registered.v1');
    expect(parseEnvelope(withoutRegion)).toMatchObject({ ok: false, reason: 'invalid_envelope' });
    expect(parseEnvelope('not an event')).toMatchObject({
      ok: false,
      reason: 'invalid_envelope',
      type: null,
    });
  });

  it('rejects an event read from the topic of another family', () => {
    const result = parseEnvelope(fixture('alert.raised.v1'), { family: 'cases' });
    expect(result).toMatchObject({ ok: false, reason: 'wrong_family' });
    expect(parseEnvelope(fixture('alert.raised.v1'), { family: 'alerts' }).ok).toBe(true);
  });

  it('reads an event that gained fields within its version, dropping what it does not know', () => {
    const event = fixture('case.closed.v1');
    const result = parseEnvelope({ ...event, data: { ...event.data, futureField: 1 } });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event.data).not.toHaveProperty('futureField');
  });

  it('narrows data by type', () => {
    const result = parseEnvelope(fixture('case.closed.v1'));
    if (!result.ok) return expect.fail(result.message);
    const { event } = result;
    if (event.type !== 'case.closed.v1') return expect.fail(event.type);
    expect(event.data.outcomeReached).toBe(true);
  });

  it('builds an event that parses back', () => {
    const raw = fixture('case.follow-up-due.v1');
    const built = buildEvent(
      'case.follow-up-due.v1',
      eventDataSchema('case.follow-up-due.v1').parse(raw.data),
      {
        id: String(raw.id),
        source: '/services/case-intake',
        subject: String(raw.subject),
        time: '2025-06-03T09:00:00+05:00',
        correlationid: 'req-1',
        region: '750000000',
      },
    );
    expect(parseEnvelope(JSON.parse(JSON.stringify(built)))).toMatchObject({ ok: true, event: built });
  });

  it('carries no personal data: no field is a name, contact or address, no string is free text', () => {
    const forbidden = /name|phone|email|mail|contact|address|note|comment|text|description|iin|birth/i;
    // zod 4 keeps a string's format and regex checks in its definition.
    type StringDef = { type: string; format?: string; checks?: { _zod: { def: { pattern?: RegExp } } }[] };
    const patternsOf = (schema: z.ZodType) => {
      const def = schema._zod.def as StringDef;
      return (def.checks ?? []).flatMap((check) =>
        check._zod.def.pattern ? [String(check._zod.def.pattern)] : [],
      );
    };
    const codePattern = patternsOf(codeSchema)[0];
    const leaves = (schema: z.ZodType, key: string): [string, z.ZodType][] => {
      if (schema instanceof z.ZodObject) {
        return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
          leaves(v, key ? `${key}.${k}` : k),
        );
      }
      if (schema instanceof z.ZodArray) return leaves(schema.element as z.ZodType, `${key}[]`);
      if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
        return leaves(schema.unwrap() as z.ZodType, key);
      }
      return [[key, schema]];
    };
    const isFreeText = (schema: z.ZodType) => {
      const def = schema._zod.def as StringDef;
      return def.type === 'string' && !def.format && patternsOf(schema).length === 0;
    };
    // A risk factor's `name` is a factor code, not a person's name.
    const isCode = (schema: z.ZodType) => patternsOf(schema).includes(String(codePattern));
    for (const type of eventTypes) {
      const fields = leaves(eventDataSchema(type), '');
      expect(fields.length, type).toBeGreaterThan(0);
      const suspicious = fields.filter(([path, schema]) => {
        const key = path.split('.').at(-1)!.replace('[]', '');
        return isFreeText(schema) || (forbidden.test(key) && !(key === 'name' && isCode(schema)));
      });
      expect(
        suspicious.map(([path]) => path),
        type,
      ).toEqual([]);
    }
  });
});

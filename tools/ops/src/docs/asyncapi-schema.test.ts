import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildAsyncApi } from './asyncapi.ts';

// The official AsyncAPI 3.0.0 JSON Schema, bundled in @asyncapi/specs (offline).
const asyncApiSchema = createRequire(import.meta.url)('@asyncapi/specs/schemas/3.0.0.json') as object;

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0.0', () => {
    const validate = new Ajv({
      // The bundle carries its own copy of the draft-07 meta-schema.
      meta: false,
      validateSchema: false,
      strict: false,
      allErrors: true,
      validateFormats: false,
    }).compile(asyncApiSchema);
    const valid = validate(buildAsyncApi());
    expect(validate.errors?.slice(0, 5) ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check bites: an operation that neither sends nor receives is refused.
    const broken = buildAsyncApi() as { operations: Record<string, { action: string }> };
    Object.values(broken.operations)[0]!.action = 'publish';
    expect(validate(broken)).toBe(false);
  });
});

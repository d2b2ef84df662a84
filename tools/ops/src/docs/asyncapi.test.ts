import { readFileSync } from 'node:fs';
import { eventFamilyOf, eventTypes } from '@kelisim/contracts/events/catalogue';
import { describe, expect, it } from 'vitest';
import { consumers } from './asyncapi.ts';
import { asyncApiYaml } from './asyncapi-yaml.ts';

describe('docs/asyncapi.yaml', () => {
  it('is what the contracts generate (run `pnpm --filter @kelisim/ops asyncapi` after changing them)', () => {
    const committed = readFileSync(new URL('../../../../docs/asyncapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(asyncApiYaml());
  });

  it('lists every event type of the catalogue as a message', () => {
    const document = asyncApiYaml();
    for (const type of eventTypes) expect(document).toContain(`name: ${type}`);
    expect(document).toMatch(/^asyncapi: 3\.0\.0$/m);
  });

  it('names only consumed types that exist in the family of the topic they are read from', () => {
    for (const { consumes } of consumers) {
      for (const [family, types] of Object.entries(consumes)) {
        for (const type of types ?? []) expect(eventFamilyOf(type)).toBe(family);
      }
    }
  });
});

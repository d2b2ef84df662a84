import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventTypes, parseEnvelope } from './events/catalogue.ts';

// Fixtures are kept forever: an event once published must stay readable as contracts evolve.
const fixturesDir = new URL('../fixtures/', import.meta.url);
const files = readdirSync(fixturesDir).filter((name) => name.endsWith('.json'));

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8'));
}

describe('event fixtures', () => {
  it.each(files)('%s still parses with the catalogue', (name) => {
    const result = parseEnvelope(readFixture(name));
    if (!result.ok) expect.fail(`${name}: ${result.reason} ${JSON.stringify(result.issues)}`);
    expect(`${result.event.type}.json`).toBe(name);
  });

  it('every type in the catalogue has a fixture', () => {
    const missing = eventTypes.filter((type) => !files.includes(`${type}.json`));
    expect(missing).toEqual([]);
  });

  it.each(files)('%s puts the envelope region on its data region, when the data has one', (name) => {
    const raw = readFixture(name) as { region: string; data: { region?: string } };
    if (raw.data.region !== undefined) expect(raw.data.region).toBe(raw.region);
  });
});

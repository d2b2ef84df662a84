// The duplicate check's lookup against the real FerretDB: entries go in at the free slots a lookup
// saw, and a slot taken in between (a concurrent registration) moves the entry along its chain.
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PartyNameIndex } from './party-name-index.ts';

let runtime: TestRuntime;
let index: PartyNameIndex;
const district = '751110000';
const at = '2026-06-01T10:00:00.000Z';

beforeAll(async () => {
  runtime = await startTestRuntime('party-names');
  index = new PartyNameIndex(runtime.connection);
});
afterAll(async () => runtime?.close());

it('adds every hash of a case in one go, at the free slots its lookup saw', async () => {
  const lookup = await index.casesNaming(district, ['hash-a', 'hash-b'], at);
  expect(lookup.get('hash-a')).toEqual({ caseIds: new Set(), freeSlot: 1 });
  await index.add('case-1', district, ['hash-a', 'hash-b'], at, new Map([['hash-a', 1]]));
  expect(await index.casesNaming(district, ['hash-a', 'hash-b'], at)).toEqual(
    new Map([
      ['hash-a', { caseIds: new Set(['case-1']), freeSlot: 2 }],
      ['hash-b', { caseIds: new Set(['case-1']), freeSlot: 2 }],
    ]),
  );
});

it('moves an entry along its chain when its slot was taken after the lookup, and a retry adds nothing', async () => {
  const stale = (await index.casesNaming(district, ['hash-c'], at)).get('hash-c')?.freeSlot;
  await index.add('case-2', district, ['hash-c'], at, new Map([['hash-c', stale ?? 1]]));
  await index.add('case-3', district, ['hash-c'], at, new Map([['hash-c', stale ?? 1]]));
  await index.add('case-3', district, ['hash-c'], at, new Map([['hash-c', stale ?? 1]]));
  expect((await index.casesNaming(district, ['hash-c'], at)).get('hash-c')).toEqual({
    caseIds: new Set(['case-2', 'case-3']),
    freeSlot: 3,
  });
});

it('leaves out entries registered before the window', async () => {
  await index.add('case-old', district, ['hash-d'], '2025-01-01T00:00:00.000Z');
  await index.add('case-new', district, ['hash-d'], at);
  expect((await index.casesNaming(district, ['hash-d'], '2026-01-01T00:00:00.000Z')).get('hash-d')).toEqual({
    caseIds: new Set(['case-new']),
    freeSlot: 3,
  });
});

it('reads long chains a few slots at a time, and stops at the first free slot', async () => {
  for (let i = 1; i <= 9; i++) await index.add(`case-long-${i}`, district, ['hash-long'], at);
  await index.add('case-short', district, ['hash-short'], at);
  const chains = await index.casesNaming(district, ['hash-long', 'hash-short', 'hash-none'], at);
  expect(chains.get('hash-long')?.caseIds.size).toBe(9);
  expect(chains.get('hash-long')?.freeSlot).toBe(10);
  expect(chains.get('hash-short')).toEqual({ caseIds: new Set(['case-short']), freeSlot: 2 });
  expect(chains.get('hash-none')).toEqual({ caseIds: new Set(), freeSlot: 1 });
});

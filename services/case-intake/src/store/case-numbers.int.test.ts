// Case numbers against the real FerretDB: the counter's first use races when several
// registrations of a new region and year arrive at once (seen in packages/fault-run as a 500).
import { startTestRuntime, type TestRuntime } from '@kelisim/service-kit/testing/test-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaseNumbers } from './case-numbers.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('case-numbers');
});
afterAll(async () => runtime?.close());

it('when the first registrations of a region and year race, each gets its own number and none fails', async () => {
  const numbers = new CaseNumbers(runtime.connection);
  const now = new Date('2026-03-01T10:00:00Z');
  const issued = await Promise.all(Array.from({ length: 12 }, () => numbers.next('750000000', now)));
  expect(new Set(issued).size).toBe(12);
  expect(issued.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
});

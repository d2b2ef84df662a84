// Case numbers against the real FerretDB: the counter's first use races when several
// registrations of a new region and year arrive at once (seen in tools/fault-run as a 500).
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

it('two processes issuing numbers of one sequence at once never issue one twice and leave no gap', async () => {
  const [first, second] = [new CaseNumbers(runtime.connection), new CaseNumbers(runtime.connection)];
  const now = new Date('2026-04-01T10:00:00Z');
  const issued: string[] = [];
  for (let round = 0; round < 3; round++) {
    const both = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? first : second).next('790000000', now)),
    );
    issued.push(...both);
  }
  expect(new Set(issued).size).toBe(24);
  expect(issued.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 24 }, (_, i) => i + 1),
  );
});

it('a process started later continues the sequence the claims already hold', async () => {
  const now = new Date('2026-05-01T10:00:00Z');
  const claims = runtime.connection.db?.collection<{ _id: string }>('case_number_claims');
  await claims?.insertMany(
    Array.from({ length: 37 }, (_, i) => ({ _id: `EM-2026-71-${String(i + 1).padStart(6, '0')}` })),
  );
  expect(await new CaseNumbers(runtime.connection).next('710000000', now)).toBe('EM-2026-71-000038');
});

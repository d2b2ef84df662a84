// The access-matrix runner every service's `access-matrix.int.test.ts` uses (issue 9): each
// endpoint called as every role and without a token, from inside and from outside the records'
// territory, each answer classified and compared with the matrix the test declares. A service
// supplies its endpoints, how to call one as a role in a scope, and how to classify the answer;
// the runner does the walk, the tally and the one line the closing note of issue 9 quotes.
import { expect } from 'vitest';

export const matrixRoles = [
  'mediator',
  'group_member',
  'supervisor',
  'coordinator',
  'admin',
  'none',
] as const;
export type MatrixRole = (typeof matrixRoles)[number];
export type MatrixScope = 'in' | 'out';
export const matrixScopes: readonly MatrixScope[] = ['in', 'out'];

/** The common outcome classes; services add their own (e.g. `empty` lists, `unknown` references). */
export type BaseOutcome = 'allowed' | 'forbidden' | 'hidden' | 'unauthenticated';
export type Expected<O extends string> = Record<MatrixScope, Record<MatrixRole, O>>;
export type RoleCells<O extends string> = Partial<Record<Exclude<MatrixRole, 'none'>, O>>;

/** A row: the cells given, `rest` for the other roles, and no token always unauthenticated. */
export function matrixRow<O extends string>(
  inside: RoleCells<O>,
  insideRest: O,
  outside: RoleCells<O>,
  outsideRest: O,
): Expected<O | 'unauthenticated'> {
  const fill = (given: RoleCells<O>, rest: O) =>
    Object.fromEntries(
      matrixRoles.map((role) => [role, role === 'none' ? 'unauthenticated' : (given[role] ?? rest)]),
    ) as Record<MatrixRole, O | 'unauthenticated'>;
  return { in: fill(inside, insideRest), out: fill(outside, outsideRest) };
}

/**
 * Status to class: past authorisation is `allowed` (2xx, or 409/422 when the state or a rule
 * refuses), 403 `forbidden`, 404 `hidden` (out of scope looks missing), 401 `unauthenticated`.
 */
export function classifyStatus(status: number): BaseOutcome | `unexpected ${number}` {
  if ((status >= 200 && status < 300) || status === 409 || status === 422) return 'allowed';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  if (status === 401) return 'unauthenticated';
  return `unexpected ${status}`;
}

export type MatrixEndpoint<O extends string, C> = {
  name: string;
  call: C;
  expected: Expected<O>;
  /** False for records without a territory (catalogues): an outside success is no leak there. */
  scoped?: boolean;
};

export type MatrixRun<O extends string, C> = {
  /** Names the service in the printed size line. */
  service: string;
  endpoints: ReadonlyArray<MatrixEndpoint<O, C>>;
  /** Makes the call as `role` (no token for `none`) from `scope`, and classifies the answer. */
  cell: (endpoint: MatrixEndpoint<O, C>, role: MatrixRole, scope: MatrixScope) => Promise<string>;
};

/** Walks the matrix and asserts it: zero outside successes, every cell as declared. */
export async function runAccessMatrix<O extends string, C>(run: MatrixRun<O, C>): Promise<number> {
  const mismatches: string[] = [];
  const outOfScopeSuccesses: string[] = [];
  let cells = 0;
  for (const endpoint of run.endpoints) {
    for (const scope of matrixScopes) {
      for (const role of matrixRoles) {
        const actual = await run.cell(endpoint, role, scope);
        cells++;
        if (scope === 'out' && endpoint.scoped !== false && actual === 'allowed')
          outOfScopeSuccesses.push(`${endpoint.name} as ${role}`);
        const wanted = endpoint.expected[scope][role];
        if (actual !== wanted)
          mismatches.push(`${endpoint.name} as ${role} ${scope}: expected ${wanted}, got ${actual}`);
      }
    }
  }
  // biome-ignore lint/suspicious/noConsole: the closing note of issue 9 quotes the matrix size
  console.log(
    `${run.service} access matrix: ${run.endpoints.length} endpoints × ${matrixRoles.length} roles × ${matrixScopes.length} scopes = ${cells} cells`,
  );
  expect(outOfScopeSuccesses).toEqual([]);
  expect(mismatches).toEqual([]);
  expect(cells).toBe(run.endpoints.length * matrixRoles.length * matrixScopes.length);
  return cells;
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listQueryBaseSchema, listQuerySchema } from './list-query.ts';
import { pageSchema } from './page.ts';
import { jsonPointer, problemDetailsSchema } from './problem-details.ts';
import { tokenClaimsSchema } from './token-claims.ts';

describe('list query', () => {
  it('defaults the page size to 20 and reads numbers from the query string', () => {
    expect(listQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(listQuerySchema.parse({ limit: '100', region: '750000000', district: '751310000' })).toMatchObject(
      {
        limit: 100,
      },
    );
  });

  it('refuses a page size outside 1..100, an unknown region and a reversed date range', () => {
    expect(listQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ region: '990000000' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ from: '2025-03-02', to: '2025-03-01' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ from: '2025-03-01', to: '2025-03-01' }).success).toBe(true);
  });

  it('extends with a service’s own filters', () => {
    const cases = listQueryBaseSchema.extend({ urgency: z.enum(['low', 'high']).optional() });
    expect(cases.parse({ urgency: 'high' })).toEqual({ limit: 20, urgency: 'high' });
  });
});

describe('page', () => {
  it('carries items and the next cursor, null on the last page', () => {
    const page = pageSchema(z.object({ id: z.string() }));
    expect(page.parse({ items: [{ id: 'a' }], nextCursor: null })).toEqual({
      items: [{ id: 'a' }],
      nextCursor: null,
    });
    expect(page.safeParse({ items: [] }).success).toBe(false);
  });
});

describe('problem details', () => {
  it('accepts an RFC 9457 problem with validation errors and extension members', () => {
    const problem = problemDetailsSchema.parse({
      title: 'Invalid request',
      status: 400,
      errors: [{ path: jsonPointer(['body', 'parties', 0, 'a/b']), message: 'Required' }],
      currentState: 'closed',
    });
    expect(problem).toMatchObject({ type: 'about:blank', currentState: 'closed' });
    expect(problem.errors?.[0]?.path).toBe('/body/parties/0/a~1b');
    expect(problemDetailsSchema.safeParse({ title: 'OK?', status: 200 }).success).toBe(false);
  });
});

describe('token claims', () => {
  it('accepts roles, KATO territories or the whole republic, and groups', () => {
    const claims = { sub: 'u-1', roles: ['group_member'], regions: ['750000000', 'KZ'], groups: ['grp-1'] };
    expect(tokenClaimsSchema.parse(claims)).toEqual(claims);
    expect(tokenClaimsSchema.parse({ sub: 'u-2' })).toEqual({
      sub: 'u-2',
      roles: [],
      regions: [],
      groups: [],
    });
  });

  it('refuses an unknown role and a territory that is not a KATO code', () => {
    expect(tokenClaimsSchema.safeParse({ sub: 'u-1', roles: ['superuser'] }).success).toBe(false);
    expect(tokenClaimsSchema.safeParse({ sub: 'u-1', regions: ['Almaty'] }).success).toBe(false);
  });
});

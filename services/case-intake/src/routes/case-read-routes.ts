// Reads: one case (with its ETag), a filtered page of cases, and a case's history. Out-of-scope
// cases answer 404 exactly like missing ones (DESIGN.md §7).

import { caseIdParams, eligibleMediatorsResponse, listCasesQuery } from '@kelisim/contracts/api/cases';
import { dayOf } from '@kelisim/contracts/calendar';
import { dateTimeSchema, idSchema } from '@kelisim/contracts/fields';
import { etagOf } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { mediatorsForCase } from '../domain/assignment-guard.ts';
import { caseNotFound } from '../store/case-command-runner.ts';
import { canAccessCase, canCommand, canSeePersonalData, caseScopeOf } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { recordPersonalRead } from './audit-routes.ts';
import { caseResponse } from './case-schemas.ts';
import { caseListItem, caseView } from './case-view.ts';
import type { RouteDeps } from './route-deps.ts';

const pageResponse = z.object({
  items: z.array(z.looseObject({ caseId: z.string() })),
  nextCursor: z.string().nullable(),
});
const historyResponse = z.object({
  caseId: idSchema,
  commits: z.array(
    z.object({
      version: z.number(),
      committedAt: dateTimeSchema,
      events: z.array(z.looseObject({ type: z.string() })),
    }),
  ),
});

export async function loadVisibleCase(
  deps: RouteDeps,
  principal: Principal,
  caseId: string,
): Promise<StoredCase> {
  const stored = await deps.cases.load(caseId);
  if (!stored || !canAccessCase(principal, stored)) throw caseNotFound(caseId);
  return stored;
}

export function registerCaseReadRoutes(app: HttpApp, deps: RouteDeps): void {
  app.get(
    '/cases/:caseId',
    {
      schema: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: 'A case',
        params: caseIdParams,
        response: { 200: caseResponse, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const stored = await loadVisibleCase(deps, principal, request.params.caseId);
      const personal = canSeePersonalData(principal, stored);
      // Who viewed which case's personal data is the audit trail's (DESIGN.md §7): recorded before
      // the answer leaves, so a read that cannot be recorded is not served.
      if (personal) await recordPersonalRead(deps, request, stored);
      return reply.header('etag', etagOf(stored.version)).send(caseView(stored, deps.cipher, personal));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        operationId: 'listCases',
        tags: ['cases'],
        summary: 'Cases, newest first',
        querystring: listCasesQuery,
        response: { 200: pageResponse, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { cursor, limit, mediator, ...filters } = request.query;
      const page = await deps.cases.list(
        caseScopeOf(request.principal),
        { ...filters, mediatorId: mediator },
        limit,
        cursor,
      );
      return { items: page.items.map(caseListItem), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/cases/:caseId/history',
    {
      schema: {
        operationId: 'getCaseHistory',
        tags: ['cases'],
        summary: 'The case’s commits and their events, in order',
        params: caseIdParams,
        response: { 200: historyResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const stored = await loadVisibleCase(deps, request.principal, request.params.caseId);
      const commits = await deps.cases.log.history(stored._id);
      return {
        caseId: stored._id,
        commits: commits.map((commit) => ({
          version: commit.version,
          committedAt: commit.committedAt.toISOString(),
          events: commit.events,
        })),
      };
    },
  );

  app.get(
    '/cases/:caseId/eligible-mediators',
    {
      schema: {
        operationId: 'listEligibleMediators',
        tags: ['cases'],
        summary: 'The mediators of the case’s region who may be assigned, and why the others may not',
        params: caseIdParams,
        response: { 200: eligibleMediatorsResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const principal = request.principal;
      const stored = await loadVisibleCase(deps, principal, request.params.caseId);
      // Who may not assign learns nothing of the registry from a case they only read.
      if (!canCommand(principal, stored)) return { eligible: [], notOffered: [] };
      const mediators = await deps.mediators.covering(stored.region);
      return mediatorsForCase(stored, mediators, dayOf(deps.clock()));
    },
  );
}

// Visits over HTTP: plan (supervisors, in their regions), start and submit (the team), review
// (a supervisor outside the team), read and list (supervisors, group members, admins in scope).
import {
  listVisitsQuery,
  monitoringIdParams,
  planVisitBody,
  reviewVisitBody,
  submitVisitBody,
} from '@kelisim/contracts/api/monitoring';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { canSeeRegion, type Principal, requireRole } from '@kelisim/service-kit/principal';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Decision } from '../domain/decision.ts';
import { planVisit, reviewVisit, startVisit, submitVisit, type Visit } from '../domain/visit.ts';
import { territoryBranches } from '../store/scope.ts';
import { visibleOr404 } from './request-context.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import { visitView } from './visit-view.ts';

export function registerVisitRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, commands, cipher } = deps;
  const seal = (text: string | null) => (text === null ? null : cipher.encrypt(text));
  const tags = ['visits'];

  async function loadVisible(principal: Principal, id: string) {
    requireRole(principal, 'supervisor', 'group_member', 'admin');
    return visibleOr404(principal, await stores.visits.load(id), (v) => v.districts, 'visit');
  }

  app.post(
    '/visits',
    {
      schema: {
        summary: 'Plan a monitoring visit',
        operationId: 'planVisit',
        tags,
        body: planVisitBody,
        response: createResponses,
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'supervisor');
      if (!canSeeRegion(principal, request.body.region)) {
        throw new ForbiddenError('Visits are planned only in your own regions.', {
          code: 'visit.out_of_territory',
        });
      }
      const ctx = decisionContextOf(request, deps);
      const created = await commands.newVisits.create({
        kind: 'visit',
        caller: principal.sub,
        key: idempotencyKeyFrom(request),
        body: request.body,
        now: ctx.now,
        decide: (id) => planVisit({ id, ...request.body, plannedBy: principal.sub }, ctx),
      });
      const { current } = created;
      return answerCreation(reply, created, `/visits/${current._id}`).send(
        visitView(stateOf(current), current.version, cipher),
      );
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        summary: "Visits in the caller's scope",
        operationId: 'listVisits',
        tags,
        querystring: listVisitsQuery,
        response: listResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { cursor, limit, ...filter } = request.query;
      const page = await stores.visits.list(
        { scope: territoryBranches(request.principal), ...filter },
        cursor,
        limit,
      );
      return {
        items: page.items.map((doc) => visitView(stateOf(doc), doc.version, cipher)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/visits/:id',
    {
      schema: {
        summary: 'A visit',
        operationId: 'getVisit',
        tags,
        params: monitoringIdParams,
        response: readResponses,
      },
    },
    async (request, reply) => {
      const visit = await loadVisible(request.principal, request.params.id);
      return withVersion(reply, visit).send(visitView(stateOf(visit), visit.version, cipher));
    },
  );

  async function command(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    decide: (visit: Visit) => Decision<Visit> | Promise<Decision<Visit>>,
  ) {
    // Visit teams are supervisors and group members; anyone else is refused before the visit is
    // looked up, so that a command tells them no more than a read would (not even its state).
    requireRole(request.principal, 'supervisor', 'group_member');
    const visit = await commands.visits.run({
      id,
      expectedVersion: expectedVersionFrom(request),
      now: deps.clock(),
      authorise: (current) => visibleOr404(request.principal, current, (v) => v.districts, 'visit'),
      decide,
    });
    return withVersion(reply, visit).send(visitView(stateOf(visit), visit.version, cipher));
  }

  app.post(
    '/visits/:id/start',
    {
      schema: {
        summary: 'Start a visit',
        operationId: 'startVisit',
        tags,
        params: monitoringIdParams,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      return command(request, reply, request.params.id, (v) => startVisit(v, request.principal.sub));
    },
  );

  app.post(
    '/visits/:id/submit',
    {
      schema: {
        summary: "Submit a visit's observations",
        operationId: 'submitVisit',
        tags,
        params: monitoringIdParams,
        body: submitVisitBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const ctx = decisionContextOf(request, deps);
      const partners = await stores.partners.find(body.partnersMet);
      return command(request, reply, request.params.id, async (v) =>
        submitVisit(
          v,
          {
            visitedFrom: body.visitedFrom,
            visitedTo: body.visitedTo,
            findings: body.findings.map((f) => ({
              indicator: f.indicator,
              score: f.score,
              note: seal(f.note),
            })),
            partnersMet: body.partnersMet,
            partners,
            overallAssessment: seal(body.overallAssessment),
            submittedBy: request.principal.sub,
          },
          await stores.indicators.catalogue(),
          ctx,
        ),
      );
    },
  );

  app.post(
    '/visits/:id/review',
    {
      schema: {
        summary: 'Review a submitted visit',
        operationId: 'reviewVisit',
        tags,
        params: monitoringIdParams,
        body: reviewVisitBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor');
      const body = request.body;
      const ctx = decisionContextOf(request, deps);
      return command(request, reply, request.params.id, (v) =>
        reviewVisit(
          v,
          {
            decision: body.decision,
            returnReason: body.returnReason,
            comment: seal(body.comment),
            reviewedBy: request.principal.sub,
          },
          ctx,
        ),
      );
    },
  );
}

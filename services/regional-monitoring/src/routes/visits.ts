// Visits over HTTP: plan (supervisors, in their regions), start and submit (the team), review
// (a supervisor outside the team), read and list (supervisors, group members, admins in scope).
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from '@kelisim/contracts/api/list-query';
import { codeSchema, dateSchema, userIdSchema } from '@kelisim/contracts/fields';
import { reviewDecisionSchema, visitStatusSchema } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { districtCodeSchema, isDistrictOf, regionCodeSchema } from '@kelisim/contracts/reference/regions';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { canSeeRegion, type Principal, requireRole } from '@kelisim/service-kit/principal';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { maxIndicatorScore } from '../domain/indicators.ts';
import {
  type Decision,
  planVisit,
  reviewVisit,
  startVisit,
  submitVisit,
  type Visit,
} from '../domain/visit.ts';
import { appendDecision, checkExpectedVersion, latestCommitted, stateOf } from '../store/commits.ts';
import { territoryFilter } from '../store/scope.ts';
import { creationId, eventContext, visibleOr404 } from './request-context.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';
import { visitView } from './visit-view.ts';

const planBody = z
  .object({
    region: regionCodeSchema,
    districts: z.array(districtCodeSchema).max(50).default([]),
    plannedFrom: dateSchema,
    plannedTo: dateSchema,
    team: z.array(userIdSchema).min(1).max(30),
  })
  .superRefine((body, ctx) => {
    body.districts.forEach((district, index) => {
      if (!isDistrictOf(district, body.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['districts', index],
          message: 'is not a district of the region',
        });
      }
    });
    if (body.plannedFrom > body.plannedTo) {
      ctx.addIssue({ code: 'custom', path: ['plannedTo'], message: 'must not be before plannedFrom' });
    }
  });

const submitBody = z.object({
  visitedFrom: dateSchema,
  visitedTo: dateSchema,
  findings: z
    .array(
      z.object({
        indicator: codeSchema,
        score: z.number().int().min(0).max(maxIndicatorScore),
        note: z.string().trim().min(1).max(2000).nullable().default(null),
      }),
    )
    .min(1)
    .max(100),
  overallAssessment: z.string().trim().min(1).max(10_000).nullable().default(null),
});

const reviewBody = z.object({
  decision: reviewDecisionSchema,
  returnReason: codeSchema.nullable().default(null),
  comment: z.string().trim().min(1).max(4000).nullable().default(null),
});

const listQuery = listQueryBaseSchema
  .extend({ status: visitStatusSchema.optional() })
  .refine(hasOrderedDates, orderedDatesMessage);

const idParams = z.object({ id: z.string().min(1).max(64) });

export function registerVisitRoutes(app: HttpApp, deps: AppDeps): void {
  const { stores, cipher, clock } = deps;
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
        body: planBody,
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
      const { id, idempotent } = creationId(request, 'visit');
      if (idempotent) await stores.idempotency.claim(id, request.body, clock());
      const existing = idempotent ? await stores.visits.load(id) : null;
      if (existing) {
        return reply
          .status(200)
          .header('etag', etagOf(existing.version))
          .send(visitView(stateOf(existing), existing.version, cipher));
      }
      const decision = planVisit(
        { id, ...request.body, plannedBy: principal.sub },
        eventContext(request, clock),
      );
      try {
        await stores.visits.log.append({
          streamId: id,
          expectedVersion: 0,
          ...decision,
          now: new Date(decision.state.createdAt),
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const winner = (await latestCommitted(stores.visits.log, id))!;
        return reply
          .status(200)
          .header('etag', etagOf(winner.version))
          .send(visitView(winner.state, winner.version, cipher));
      }
      deps.wakeRelay();
      return reply
        .status(201)
        .header('etag', etagOf(1))
        .header('location', `/visits/${id}`)
        .send(visitView(decision.state, 1, cipher));
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        summary: "Visits in the caller's scope",
        operationId: 'listVisits',
        tags,
        querystring: listQuery,
        response: listResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { cursor, limit, ...filter } = request.query;
      const page = await stores.visits.list(
        { scope: territoryFilter(request.principal), ...filter },
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
        params: idParams,
        response: readResponses,
      },
    },
    async (request, reply) => {
      const visit = await loadVisible(request.principal, request.params.id);
      return reply
        .header('etag', etagOf(visit.version))
        .send(visitView(stateOf(visit), visit.version, cipher));
    },
  );

  async function command(
    request: FastifyRequest,
    id: string,
    decide: (visit: Visit) => Promise<Decision<Visit>>,
  ) {
    // Visit teams are supervisors and group members; anyone else is refused before the visit is
    // looked up, so that a command tells them no more than a read would (not even its state).
    requireRole(request.principal, 'supervisor', 'group_member');
    const current = visibleOr404(
      request.principal,
      await stores.visits.load(id),
      (v) => v.districts,
      'visit',
    );
    checkExpectedVersion(current, expectedVersionFrom(request));
    const decision = await decide(stateOf(current));
    const version = await appendDecision(stores.visits.log, current._id, current.version, decision, clock());
    if (decision.events.length > 0) deps.wakeRelay();
    return { visit: decision.state, version };
  }

  app.post(
    '/visits/:id/start',
    {
      schema: {
        summary: 'Start a visit',
        operationId: 'startVisit',
        tags,
        params: idParams,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const { visit, version } = await command(request, request.params.id, async (v) =>
        startVisit(v, request.principal.sub),
      );
      return reply.header('etag', etagOf(version)).send(visitView(visit, version, cipher));
    },
  );

  app.post(
    '/visits/:id/submit',
    {
      schema: {
        summary: "Submit a visit's observations",
        operationId: 'submitVisit',
        tags,
        params: idParams,
        body: submitBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { visit, version } = await command(request, request.params.id, async (v) =>
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
            overallAssessment: seal(body.overallAssessment),
            submittedBy: request.principal.sub,
          },
          await stores.indicators.catalogue(),
          eventContext(request, clock),
        ),
      );
      return reply.header('etag', etagOf(version)).send(visitView(visit, version, cipher));
    },
  );

  app.post(
    '/visits/:id/review',
    {
      schema: {
        summary: 'Review a submitted visit',
        operationId: 'reviewVisit',
        tags,
        params: idParams,
        body: reviewBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor');
      const body = request.body;
      const { visit, version } = await command(request, request.params.id, async (v) =>
        reviewVisit(
          v,
          {
            decision: body.decision,
            returnReason: body.returnReason,
            comment: seal(body.comment),
            reviewedBy: request.principal.sub,
          },
          eventContext(request, clock),
        ),
      );
      return reply.header('etag', etagOf(version)).send(visitView(visit, version, cipher));
    },
  );
}

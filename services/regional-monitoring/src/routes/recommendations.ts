// Recommendations over HTTP: a supervisor issues one from a visit; the owner group (or a
// supervisor) moves it through open → in_progress → done; lists show due dates and overdue ones.
import { hasOrderedDates, listQueryBaseSchema, orderedDatesMessage } from '@kelisim/contracts/api/list-query';
import { dayOf } from '@kelisim/contracts/calendar';
import { codeSchema, dateSchema, idSchema } from '@kelisim/contracts/fields';
import { urgencySchema } from '@kelisim/contracts/reference/case-vocabulary';
import { districtCodeSchema } from '@kelisim/contracts/reference/regions';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import { hasRole, requireRole } from '@kelisim/service-kit/principal';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import {
  issueRecommendation,
  type Recommendation,
  recommendationProgress,
  updateRecommendationStatus,
} from '../domain/recommendation.ts';
import { appendDecision, checkExpectedVersion, latestCommitted, stateOf } from '../store/commits.ts';
import { territoryFilter } from '../store/scope.ts';
import { creationId, eventContext, visibleOr404 } from './request-context.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';

const issueBody = z.object({
  district: districtCodeSchema.nullable().default(null),
  ownerGroupId: idSchema,
  dueDate: dateSchema,
  priority: urgencySchema.default('medium'),
  indicator: codeSchema.nullable().default(null),
  text: z.string().trim().min(1).max(4000),
});

const statusBody = z.object({ status: z.enum(recommendationProgress) });

const listQuery = listQueryBaseSchema
  .extend({
    status: z.enum(recommendationProgress).optional(),
    visitId: idSchema.optional(),
    ownerGroupId: idSchema.optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .refine(hasOrderedDates, orderedDatesMessage);

const idParams = z.object({ id: z.string().min(1).max(64) });

export function recommendationView(r: Recommendation, version: number, cipher: FieldCipher, now: Date) {
  const { text, ...rest } = r;
  const today = dayOf(now);
  return { ...rest, version, text: cipher.decrypt(text), pastDue: r.status !== 'done' && r.dueDate < today };
}

export function registerRecommendationRoutes(app: HttpApp, deps: AppDeps): void {
  const { stores, cipher, clock } = deps;
  const tags = ['recommendations'];
  const districtsOf = (r: Recommendation) => [r.district];

  app.post(
    '/visits/:id/recommendations',
    {
      schema: {
        summary: 'Issue a recommendation from a visit',
        operationId: 'issueRecommendation',
        tags,
        params: idParams,
        body: issueBody,
        response: createResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor');
      const visitDoc = visibleOr404(
        request.principal,
        await stores.visits.load(request.params.id),
        (v) => v.districts,
        'visit',
      );
      const { id, idempotent } = creationId(request, 'rec');
      if (idempotent) await stores.idempotency.claim(id, request.body, clock());
      const existing = idempotent ? await stores.recommendations.load(id) : null;
      if (existing) {
        return reply
          .status(200)
          .header('etag', etagOf(existing.version))
          .send(recommendationView(stateOf(existing), existing.version, cipher, clock()));
      }
      const body = request.body;
      const ctx = eventContext(request, clock);
      const decision = issueRecommendation(
        stateOf(visitDoc),
        { id, ...body, text: cipher.encrypt(body.text), issuedBy: request.principal.sub },
        ctx,
      );
      try {
        await stores.recommendations.log.append({
          streamId: id,
          expectedVersion: 0,
          ...decision,
          now: ctx.now,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const winner = (await latestCommitted(stores.recommendations.log, id))!;
        return reply
          .status(200)
          .header('etag', etagOf(winner.version))
          .send(recommendationView(winner.state, winner.version, cipher, clock()));
      }
      deps.wakeRelay();
      return reply
        .status(201)
        .header('etag', etagOf(1))
        .header('location', `/recommendations/${id}`)
        .send(recommendationView(decision.state, 1, cipher, ctx.now));
    },
  );

  app.get(
    '/recommendations',
    {
      schema: {
        summary: "Recommendations in the caller's scope, with their due dates",
        operationId: 'listRecommendations',
        tags,
        querystring: listQuery,
        response: listResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { cursor, limit, ...filter } = request.query;
      const page = await stores.recommendations.list(
        { scope: territoryFilter(request.principal, 'district'), ...filter },
        cursor,
        limit,
      );
      const now = clock();
      return {
        items: page.items.map((doc) => recommendationView(stateOf(doc), doc.version, cipher, now)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/recommendations/:id',
    {
      schema: {
        summary: 'A recommendation',
        operationId: 'getRecommendation',
        tags,
        params: idParams,
        response: readResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const doc = visibleOr404(
        request.principal,
        await stores.recommendations.load(request.params.id),
        districtsOf,
        'recommendation',
      );
      return reply
        .header('etag', etagOf(doc.version))
        .send(recommendationView(stateOf(doc), doc.version, cipher, clock()));
    },
  );

  app.post(
    '/recommendations/:id/status',
    {
      schema: {
        summary: 'Move a recommendation to open, in progress or done',
        operationId: 'changeRecommendationStatus',
        tags,
        params: idParams,
        body: statusBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'supervisor', 'group_member');
      const doc = visibleOr404(
        principal,
        await stores.recommendations.load(request.params.id),
        districtsOf,
        'recommendation',
      );
      if (!hasRole(principal, 'supervisor') && !principal.groups.includes(doc.ownerGroupId)) {
        throw new ForbiddenError('Only the owner group or a supervisor updates a recommendation.', {
          code: 'recommendation.not_owner',
        });
      }
      checkExpectedVersion(doc, expectedVersionFrom(request));
      const ctx = eventContext(request, clock);
      const current = stateOf(doc);
      const decision = updateRecommendationStatus(current, request.body.status, ctx);
      const version =
        decision.state === current
          ? doc.version
          : await appendDecision(stores.recommendations.log, doc._id, doc.version, decision, ctx.now);
      if (decision.events.length > 0) deps.wakeRelay();
      return reply
        .header('etag', etagOf(version))
        .send(recommendationView(decision.state, version, cipher, ctx.now));
    },
  );
}

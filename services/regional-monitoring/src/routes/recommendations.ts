// Recommendations over HTTP: a supervisor issues one from an approved visit, or drafts one on a
// submitted visit (issued when the review approves it); the owner group (or a supervisor) moves it
// through open → in_progress → done; lists show due dates and overdue ones.
import {
  editRecommendationBody,
  issueRecommendationBody,
  listRecommendationsQuery,
  monitoringIdParams,
  recommendationProgressBody,
} from '@kelisim/contracts/api/monitoring';
import { dayOf } from '@kelisim/contracts/calendar';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import { hasRole, requireRole } from '@kelisim/service-kit/principal';
import {
  editDraft,
  issueRecommendation,
  type Recommendation,
  updateRecommendationStatus,
} from '../domain/recommendation.ts';
import { isApproved } from '../domain/visit.ts';
import { issueDrafts } from '../events/issue-drafts.ts';
import { territoryBranches } from '../store/scope.ts';
import { visibleOr404 } from './request-context.ts';
import { commandResponses, createResponses, listResponses, readResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';

export function recommendationView(r: Recommendation, version: number, cipher: FieldCipher, now: Date) {
  const { text, ...rest } = r;
  const today = dayOf(now);
  const running = r.status === 'open' || r.status === 'in_progress';
  return {
    ...rest,
    ownerPartnerId: r.ownerPartnerId ?? null,
    version,
    text: cipher.decrypt(text),
    pastDue: running && r.dueDate < today,
  };
}

export function registerRecommendationRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, commands, cipher, clock } = deps;
  const tags = ['recommendations'];
  const districtsOf = (r: Recommendation) => [r.district];

  app.post(
    '/visits/:id/recommendations',
    {
      schema: {
        summary: 'Issue a recommendation from an approved visit, or draft one on a submitted visit',
        operationId: 'issueRecommendation',
        tags,
        params: monitoringIdParams,
        body: issueRecommendationBody,
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
      const body = request.body;
      const ctx = decisionContextOf(request, deps);
      const partners = await stores.partners.find(body.ownerPartnerId ? [body.ownerPartnerId] : []);
      const created = await commands.newRecommendations.create({
        kind: 'recommendation',
        caller: request.principal.sub,
        key: idempotencyKeyFrom(request),
        body,
        now: ctx.now,
        decide: (id) =>
          issueRecommendation(
            stateOf(visitDoc),
            { id, ...body, text: cipher.encrypt(body.text), issuedBy: request.principal.sub, partners },
            ctx,
          ),
      });
      let { current } = created;
      if (current.status === 'draft') {
        // Approved while this draft was being written: the approval's consumer may have looked
        // for drafts before this one was committed, so it is issued here (once, whoever is first).
        const visitNow = await stores.visits.load(visitDoc._id);
        if (visitNow && isApproved(stateOf(visitNow))) {
          await issueDrafts(
            commands.recommendations,
            stores.recommendations,
            {
              visitId: visitDoc._id,
              decision: 'approved',
            },
            ctx,
          );
          current = (await stores.recommendations.load(current._id)) ?? current;
        }
      }
      return answerCreation(reply, { ...created, current }, `/recommendations/${current._id}`).send(
        recommendationView(stateOf(current), current.version, cipher, ctx.now),
      );
    },
  );

  app.get(
    '/recommendations',
    {
      schema: {
        summary: "Recommendations in the caller's scope, with their due dates",
        operationId: 'listRecommendations',
        tags,
        querystring: listRecommendationsQuery,
        response: listResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { cursor, limit, ...filter } = request.query;
      const page = await stores.recommendations.list(
        { scope: territoryBranches(request.principal, 'district'), ...filter },
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
        params: monitoringIdParams,
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
      return withVersion(reply, doc).send(recommendationView(stateOf(doc), doc.version, cipher, clock()));
    },
  );

  app.patch(
    '/recommendations/:id',
    {
      schema: {
        summary: 'Change a draft recommendation before its visit is approved',
        operationId: 'editRecommendation',
        tags,
        params: monitoringIdParams,
        body: editRecommendationBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'supervisor');
      const ctx = decisionContextOf(request, deps);
      const { text, ...rest } = request.body;
      const changes = { ...rest, ...(text === undefined ? {} : { text: cipher.encrypt(text) }) };
      const partners = await stores.partners.find(rest.ownerPartnerId ? [rest.ownerPartnerId] : []);
      const updated = await commands.recommendations.run({
        id: request.params.id,
        expectedVersion: expectedVersionFrom(request),
        now: ctx.now,
        authorise: (doc) => visibleOr404(principal, doc, districtsOf, 'recommendation'),
        decide: async (current) => {
          const visit = await stores.visits.load(current.visitId);
          if (!visit) throw new Error(`recommendation ${request.params.id} names no visit`);
          return editDraft(current, stateOf(visit), { ...changes, partners }, ctx);
        },
      });
      return withVersion(reply, updated).send(
        recommendationView(stateOf(updated), updated.version, cipher, ctx.now),
      );
    },
  );

  app.post(
    '/recommendations/:id/status',
    {
      schema: {
        summary: 'Move a recommendation to open, in progress or done',
        operationId: 'changeRecommendationStatus',
        tags,
        params: monitoringIdParams,
        body: recommendationProgressBody,
        response: commandResponses,
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'supervisor', 'group_member');
      const ctx = decisionContextOf(request, deps);
      const updated = await commands.recommendations.run({
        id: request.params.id,
        expectedVersion: expectedVersionFrom(request),
        now: ctx.now,
        authorise: (doc) => {
          visibleOr404(principal, doc, districtsOf, 'recommendation');
          if (!hasRole(principal, 'supervisor') && !principal.groups.includes(doc.ownerGroupId)) {
            throw new ForbiddenError('Only the owner group or a supervisor updates a recommendation.', {
              code: 'recommendation.not_owner',
            });
          }
        },
        decide: (current) => updateRecommendationStatus(current, request.body.status, ctx),
      });
      return withVersion(reply, updated).send(
        recommendationView(stateOf(updated), updated.version, cipher, ctx.now),
      );
    },
  );
}

// Certifications over HTTP: lists (e.g. expiring within N days) and reads in the caller's scope;
// suspension, reinstatement, revocation and renewal by coordinators and admins. Renewal counts the
// practice recorded from `case.closed` events since the certificate's validFrom.
import { pageSchema } from '@kelisim/contracts/api/page';
import {
  certificationIdParams,
  certificationListQuery,
  revokeCertificationBody,
  suspendCertificationBody,
} from '@kelisim/contracts/api/training';
import { addDays, dayOf } from '@kelisim/contracts/calendar';
import { decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import type { Current } from '@kelisim/service-kit/commit-log';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  reinstateCertification,
  renewCertification,
  revokeCertification,
  suspendCertification,
} from '../domain/certification.ts';
import type { EnrolmentState } from '../domain/training-state.ts';
import type { RouteDeps } from './route-deps.ts';
import { canManage, canRead, listScope, notFound } from './scope.ts';
import { certificationSchema, certificationView } from './training-views.ts';

const tags = ['certifications'];
const writeProblems = problemResponses(400, 403, 404, 409, 412, 422);

export function certificationRoutes(app: HttpApp, deps: RouteDeps): void {
  const { enrolments, practice, certificates } = deps.stores;

  /** The enrolment holding the certificate, if the caller may see it. */
  function visibleIn(principal: Principal, certificationId: string, enrolment: EnrolmentState | null) {
    // A claim whose commit never landed points at an enrolment without this certificate.
    if (!enrolment || enrolment.certification?.certificationId !== certificationId)
      throw notFound('certification');
    if (!canRead(principal, { regions: enrolment.regions, userId: enrolment.mediatorUserId })) {
      throw notFound('certification');
    }
  }

  async function visible(principal: Principal, certificationId: string): Promise<Current<EnrolmentState>> {
    const enrolmentId = await certificates.ownerOf(certificationId);
    const enrolment = enrolmentId === null ? null : await enrolments.load(enrolmentId);
    visibleIn(principal, certificationId, enrolment);
    return enrolment as Current<EnrolmentState>;
  }

  /** The shape of every certification command: a command on the enrolment that holds it. */
  async function command(
    request: FastifyRequest,
    certificationId: string,
    reply: FastifyReply,
    decide: (
      state: EnrolmentState,
      ctx: DecisionContext,
    ) => Promise<Decision<EnrolmentState>> | Decision<EnrolmentState>,
  ) {
    const principal = request.principal;
    const enrolmentId = await certificates.ownerOf(certificationId);
    if (enrolmentId === null) throw notFound('certification');
    const ctx = decisionContextOf(request, deps);
    const saved = await deps.commands.certifications.run({
      id: enrolmentId,
      expectedVersion: expectedVersionFrom(request),
      now: ctx.now,
      authorise: (enrolment) => {
        visibleIn(principal, certificationId, enrolment);
        if (!canManage(principal, enrolment)) {
          throw new ForbiddenError('Only coordinators and admins decide on certifications.');
        }
      },
      decide: (state) => decide(state, ctx),
    });
    withVersion(reply, saved);
    return certificationView(saved);
  }

  app.get(
    '/certifications',
    {
      schema: {
        summary: "Certifications in the caller's territory, e.g. those expiring within N days",
        operationId: 'listCertifications',
        tags,
        querystring: certificationListQuery,
        response: { 200: pageSchema(certificationSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, region, status, mediatorId, courseId, expiringWithinDays } = request.query;
      const today = dayOf(deps.clock());
      const filter: Record<string, unknown> = {
        ...listScope(request.principal, 'mediatorUserId'),
        'certification.certificationId': { $exists: true },
        ...(mediatorId ? { mediatorId } : {}),
        ...(courseId ? { courseId } : {}),
        ...(status ? { 'certification.status': status } : {}),
      };
      const conditions: Record<string, unknown>[] = [filter];
      if (region) conditions.push({ regions: region });
      if (expiringWithinDays !== undefined) {
        conditions.push({
          'certification.status': 'valid',
          'certification.validUntil': { $gte: today, $lte: addDays(today, expiringWithinDays) },
        });
      }
      const page = await enrolments.page({ $and: conditions }, { cursor, limit });
      return { items: page.items.map(certificationView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/certifications/:certificationId',
    {
      schema: {
        summary: 'A certification',
        operationId: 'getCertification',
        tags,
        params: certificationIdParams,
        response: { 200: certificationSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const enrolment = await visible(request.principal, request.params.certificationId);
      withVersion(reply, enrolment);
      return certificationView(enrolment);
    },
  );

  app.post(
    '/certifications/:certificationId/suspend',
    {
      schema: {
        summary: 'Suspend a certification',
        operationId: 'suspendCertification',
        tags,
        params: certificationIdParams,
        body: suspendCertificationBody,
        response: { 200: certificationSchema, ...writeProblems },
      },
    },
    (request, reply) =>
      command(request, request.params.certificationId, reply, (state, ctx) =>
        suspendCertification(state, request.body, ctx),
      ),
  );

  app.post(
    '/certifications/:certificationId/reinstate',
    {
      schema: {
        summary: 'Reinstate a suspended certification',
        operationId: 'reinstateCertification',
        tags,
        params: certificationIdParams,
        response: { 200: certificationSchema, ...writeProblems },
      },
    },
    (request, reply) =>
      command(request, request.params.certificationId, reply, (state, ctx) =>
        reinstateCertification(state, ctx),
      ),
  );

  app.post(
    '/certifications/:certificationId/revoke',
    {
      schema: {
        summary: 'Revoke a certification',
        operationId: 'revokeCertification',
        tags,
        params: certificationIdParams,
        body: revokeCertificationBody,
        response: { 200: certificationSchema, ...writeProblems },
      },
    },
    (request, reply) =>
      command(request, request.params.certificationId, reply, (state, ctx) =>
        revokeCertification(state, request.body, ctx),
      ),
  );

  app.post(
    '/certifications/:certificationId/renew',
    {
      schema: {
        summary: 'Renew a certification on the practice recorded since it took effect',
        operationId: 'renewCertification',
        tags,
        params: certificationIdParams,
        response: { 200: certificationSchema, ...writeProblems },
      },
    },
    (request, reply) =>
      command(request, request.params.certificationId, reply, async (state, ctx) => {
        const since = state.certification?.validFrom;
        const practiceCaseCount = await practice.count(state.mediatorId, since);
        return renewCertification(state, { practiceCaseCount }, ctx);
      }),
  );
}

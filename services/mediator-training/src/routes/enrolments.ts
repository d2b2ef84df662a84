// Enrolments over HTTP: coordinators and admins enrol a mediator of their territory on a course
// and record attendance and the assessment; completion and certification follow in the domain.
import { pageSchema } from '@kelisim/contracts/api/page';
import { dateSchema, idSchema } from '@kelisim/contracts/fields';
import { ConflictError, ForbiddenError, UnprocessableError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toDate } from '../domain/dates.ts';
import type { CommandContext, Decision } from '../domain/decision.ts';
import { type EnrolmentState, enrol, recordAssessment, recordAttendance } from '../domain/enrolment.ts';
import { stateOf } from '../store/aggregate-store.ts';
import { openEnrolmentKey } from '../store/stores.ts';
import {
  commandContext,
  creationId,
  markReplayed,
  type RouteDeps,
  saving,
  versionToWrite,
  withEtag,
} from './route-deps.ts';
import { canManage, canRead, listScope, notFound } from './scope.ts';
import { enrolmentSchema, enrolmentView } from './training-views.ts';

const enrolBody = z.object({ mediatorId: idSchema, courseId: idSchema, startsOn: dateSchema.optional() });
const attendanceBody = z.object({ moduleId: idSchema, hours: z.number().min(0).max(1_000) });
const assessmentBody = z.object({ score: z.number().min(0).max(100) });
const enrolmentIdParams = z.object({ enrolmentId: idSchema });
const listQuery = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  mediatorId: idSchema.optional(),
  courseId: idSchema.optional(),
  status: z.enum(['enrolled', 'completed', 'failed']).optional(),
});

const tags = ['enrolments'];
const writeProblems = problemResponses(400, 403, 404, 409, 412, 422);

export function enrolmentRoutes(app: HttpApp, deps: RouteDeps): void {
  const { enrolments, mediators, courses, certificates } = deps.stores;

  /**
   * Attendance and assessment: either may complete the enrolment and certify. A certificate's
   * claim (certification id → enrolment) is written before the commit that issues it, so that
   * every certificate is found by `_id` (routes/certifications.ts).
   */
  async function recordTraining(
    request: FastifyRequest,
    reply: FastifyReply,
    enrolmentId: string,
    decide: (state: EnrolmentState, ctx: CommandContext) => Decision<EnrolmentState>,
  ) {
    const current = await manageableEnrolment(request.principal, enrolmentId);
    const expectedVersion = versionToWrite(request, current);
    const ctx = commandContext(request, deps);
    const decision = decide(stateOf(current), ctx);
    const issued = decision.state.certification;
    if (issued && current.certification?.certificationId !== issued.certificationId) {
      await certificates.claim(issued.certificationId, current._id, async () => 'holds', ctx.now);
    }
    const saved = await saving(request, () =>
      enrolments.save(current._id, expectedVersion, decision, ctx.now),
    );
    if (decision.events.length > 0) deps.relay.wake();
    withEtag(reply, saved.version);
    return enrolmentView(saved);
  }

  async function manageableEnrolment(principal: Principal, enrolmentId: string) {
    const enrolment = await enrolments.load(enrolmentId);
    if (!enrolment || !canRead(principal, { regions: enrolment.regions, userId: enrolment.mediatorUserId })) {
      throw notFound('enrolment');
    }
    if (!canManage(principal, enrolment))
      throw new ForbiddenError('Only coordinators and admins record training.');
    return enrolment;
  }

  app.post(
    '/enrolments',
    {
      schema: {
        summary: 'Enrol a mediator on a course',
        operationId: 'enrolMediator',
        tags,
        body: enrolBody,
        response: { 201: enrolmentSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { id, keyed } = creationId(request, deps, 'enr');
      const existing = keyed ? await enrolments.load(id) : null;
      if (existing) {
        markReplayed(reply);
        withEtag(reply, existing.version);
        return reply.status(201).send(enrolmentView(existing));
      }
      const mediator = await mediators.load(request.body.mediatorId);
      if (!mediator || !canRead(principal, mediator)) {
        throw new UnprocessableError('enrolment.unknown_mediator', 'No such mediator is visible to you.');
      }
      if (!canManage(principal, mediator))
        throw new ForbiddenError('Only coordinators and admins enrol mediators.');
      const course = await courses.load(request.body.courseId);
      if (!course) throw new UnprocessableError('enrolment.unknown_course', 'No such course.');
      const ctx = commandContext(request, deps);
      const decision = enrol(
        {
          enrolmentId: id,
          mediator: stateOf(mediator),
          course: stateOf(course),
          startsOn: request.body.startsOn ?? toDate(ctx.now),
        },
        ctx,
      );
      // Claimed just before the commit: two enrolments of one mediator on one course cannot both pass.
      const open = await deps.stores.openEnrolments.claim(
        openEnrolmentKey(mediator.mediatorId, course.courseId),
        id,
        async (enrolmentId) => {
          const earlier = await enrolments.load(enrolmentId);
          if (!earlier) return 'absent';
          return earlier.status === 'enrolled' ? 'holds' : 'released';
        },
        ctx.now,
      );
      if (open !== null) {
        throw new ConflictError('The mediator is already enrolled on this course.', {
          code: 'enrolment.already_enrolled',
          extensions: { enrolmentId: open },
        });
      }
      const saved = await saving(request, () => enrolments.save(id, 0, decision, ctx.now));
      deps.relay.wake();
      withEtag(reply, saved.version);
      return reply.status(201).send(enrolmentView(saved));
    },
  );

  app.get(
    '/enrolments',
    {
      schema: {
        summary: "Enrolments in the caller's territory",
        operationId: 'listEnrolments',
        tags,
        querystring: listQuery,
        response: { 200: pageSchema(enrolmentSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, mediatorId, courseId, status } = request.query;
      const filter = {
        ...listScope(request.principal, 'mediatorUserId'),
        ...(mediatorId ? { mediatorId } : {}),
        ...(courseId ? { courseId } : {}),
        ...(status ? { status } : {}),
      };
      const page = await enrolments.page(filter, { cursor, limit });
      return { items: page.items.map(enrolmentView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/enrolments/:enrolmentId',
    {
      schema: {
        summary: 'An enrolment',
        operationId: 'getEnrolment',
        tags,
        params: enrolmentIdParams,
        response: { 200: enrolmentSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const enrolment = await enrolments.load(request.params.enrolmentId);
      const scoped = enrolment && { regions: enrolment.regions, userId: enrolment.mediatorUserId };
      if (!enrolment || !scoped || !canRead(request.principal, scoped)) throw notFound('enrolment');
      withEtag(reply, enrolment.version);
      return enrolmentView(enrolment);
    },
  );

  app.post(
    '/enrolments/:enrolmentId/attendance',
    {
      schema: {
        summary: 'Record attendance',
        operationId: 'recordAttendance',
        tags,
        params: enrolmentIdParams,
        body: attendanceBody,
        response: { 200: enrolmentSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      recordTraining(request, reply, request.params.enrolmentId, (state, ctx) =>
        recordAttendance(state, request.body, ctx),
      ),
  );

  app.post(
    '/enrolments/:enrolmentId/assessment',
    {
      schema: {
        summary: 'Record the assessment',
        operationId: 'recordAssessment',
        tags,
        params: enrolmentIdParams,
        body: assessmentBody,
        response: { 200: enrolmentSchema, ...writeProblems },
      },
    },
    async (request, reply) =>
      recordTraining(request, reply, request.params.enrolmentId, (state, ctx) =>
        recordAssessment(state, request.body, ctx),
      ),
  );
}

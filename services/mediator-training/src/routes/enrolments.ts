// Enrolments over HTTP: coordinators and admins enrol a mediator of their territory on a course
// and record attendance and the assessment; completion and certification follow in the domain.
import { pageSchema } from '@kelisim/contracts/api/page';
import {
  assessmentBody,
  attendanceBody,
  enrolBody,
  enrolmentIdParams,
  enrolmentListQuery,
} from '@kelisim/contracts/api/training';
import { dayOf } from '@kelisim/contracts/calendar';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import type { Decision, DecisionContext } from '@kelisim/service-kit/commands/decision';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { ForbiddenError, UnprocessableError } from '@kelisim/service-kit/errors';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { enrol, recordAssessment, recordAttendance } from '../domain/enrolment.ts';
import type { EnrolmentState } from '../domain/training-state.ts';
import type { RouteDeps } from './route-deps.ts';
import { canManage, canRead, listScope, notFound } from './scope.ts';
import { enrolmentSchema, enrolmentView } from './training-views.ts';

const tags = ['enrolments'];
const writeProblems = problemResponses(400, 403, 404, 409, 412, 422);

export function enrolmentRoutes(app: HttpApp, deps: RouteDeps): void {
  const { enrolments, mediators, courses } = deps.stores;

  /** Attendance and assessment: either may complete the enrolment and certify it. */
  async function recordTraining(
    request: FastifyRequest,
    reply: FastifyReply,
    enrolmentId: string,
    decide: (state: EnrolmentState, ctx: DecisionContext) => Decision<EnrolmentState>,
  ) {
    const ctx = decisionContextOf(request, deps);
    const saved = await deps.commands.recordTraining({
      id: enrolmentId,
      expectedVersion: expectedVersionFrom(request),
      now: ctx.now,
      authorise: (enrolment) => manageable(request.principal, enrolment),
      decide: (state) => decide(state, ctx),
    });
    withVersion(reply, saved);
    return enrolmentView(saved);
  }

  function manageable(principal: Principal, enrolment: EnrolmentState) {
    if (!canRead(principal, { regions: enrolment.regions, userId: enrolment.mediatorUserId })) {
      throw notFound('enrolment');
    }
    if (!canManage(principal, enrolment))
      throw new ForbiddenError('Only coordinators and admins record training.');
  }

  app.post(
    '/enrolments',
    {
      schema: {
        summary: 'Enrol a mediator on a course',
        operationId: 'enrolMediator',
        tags,
        body: enrolBody,
        response: { 200: enrolmentSchema, 201: enrolmentSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const key = idempotencyKeyFrom(request);
      const mediator = await mediators.load(request.body.mediatorId);
      if (!mediator || !canRead(principal, mediator)) {
        throw new UnprocessableError('enrolment.unknown_mediator', 'No such mediator is visible to you.');
      }
      if (!canManage(principal, mediator))
        throw new ForbiddenError('Only coordinators and admins enrol mediators.');
      const course = await courses.load(request.body.courseId);
      if (!course) throw new UnprocessableError('enrolment.unknown_course', 'No such course.');
      const ctx = decisionContextOf(request, deps);
      const created = await deps.commands.enrol(
        {
          kind: 'enrolment',
          caller: principal.sub,
          key,
          body: request.body,
          now: ctx.now,
          decide: (enrolmentId) =>
            enrol(
              {
                enrolmentId,
                mediator: stateOf(mediator),
                course: stateOf(course),
                startsOn: request.body.startsOn ?? dayOf(ctx.now),
              },
              ctx,
            ),
        },
        { mediatorId: mediator.mediatorId, courseId: course.courseId },
      );
      return answerCreation(reply, created, `/enrolments/${created.current._id}`).send(
        enrolmentView(created.current),
      );
    },
  );

  app.get(
    '/enrolments',
    {
      schema: {
        summary: "Enrolments in the caller's territory",
        operationId: 'listEnrolments',
        tags,
        querystring: enrolmentListQuery,
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
      withVersion(reply, enrolment);
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

// Courses over HTTP: coordinators and admins create (Idempotency-Key) and edit (If-Match) them;
// every signed-in user can read them, since courses are the national Center's, not a region's.
import { pageSchema } from '@kelisim/contracts/api/page';
import {
  courseFields,
  courseIdParams,
  courseListQuery,
  createCourseBody,
  updateCourseBody,
} from '@kelisim/contracts/api/training';
import { idSchema } from '@kelisim/contracts/fields';
import { answerCreation, decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { createCourse, updateCourse } from '../domain/course.ts';
import type { RouteDeps } from './route-deps.ts';
import { notFound } from './scope.ts';

const courseSchema = z.object({
  courseId: idSchema,
  ...courseFields,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const tags = ['courses'];

export function courseRoutes(app: HttpApp, deps: RouteDeps): void {
  const { courses } = deps.stores;

  const view = ({ _id, ...course }: NonNullable<Awaited<ReturnType<typeof courses.load>>>) => course;

  app.post(
    '/courses',
    {
      schema: {
        summary: 'Create a course',
        operationId: 'createCourse',
        tags,
        body: createCourseBody,
        response: { 200: courseSchema, 201: courseSchema, ...problemResponses(400, 403, 422) },
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'coordinator', 'admin');
      const ctx = decisionContextOf(request, deps);
      const created = await deps.commands.createCourse({
        kind: 'course',
        caller: request.principal.sub,
        key: idempotencyKeyFrom(request),
        body: request.body,
        now: ctx.now,
        decide: (courseId) => ({ state: createCourse(courseId, request.body, ctx), events: [] }),
      });
      return answerCreation(reply, created, `/courses/${created.current._id}`).send(view(created.current));
    },
  );

  app.get(
    '/courses',
    {
      schema: {
        summary: 'Courses',
        operationId: 'listCourses',
        tags,
        querystring: courseListQuery,
        response: { 200: pageSchema(courseSchema) },
      },
    },
    async (request) => {
      const { cursor, limit, status } = request.query;
      const page = await courses.page(status ? { status } : {}, { cursor, limit });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/courses/:courseId',
    {
      schema: {
        summary: 'A course',
        operationId: 'getCourse',
        tags,
        params: courseIdParams,
        response: { 200: courseSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const course = await courses.load(request.params.courseId);
      if (!course) throw notFound('course');
      withVersion(reply, course);
      return view(course);
    },
  );

  app.patch(
    '/courses/:courseId',
    {
      schema: {
        summary: 'Edit a course',
        operationId: 'editCourse',
        tags,
        params: courseIdParams,
        body: updateCourseBody,
        response: { 200: courseSchema, ...problemResponses(400, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'coordinator', 'admin');
      const ctx = decisionContextOf(request, deps);
      const saved = await deps.commands.courses.run({
        id: request.params.courseId,
        expectedVersion: expectedVersionFrom(request),
        now: ctx.now,
        decide: (state) => ({ state: updateCourse(state, request.body, ctx), events: [] }),
      });
      withVersion(reply, saved);
      return view(saved);
    },
  );
}

// A mediator's training record in one read: the profile, every enrolment with its course's titles,
// the certifications, and the practice that renewal counts. Mediators read their own.
import { mediatorIdParams } from '@kelisim/contracts/api/training';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { renewalPracticeThreshold } from '../domain/certification.ts';
import { mediatorSchema, mediatorView } from './mediator-view.ts';
import type { RouteDeps } from './route-deps.ts';
import { canRead, notFound } from './scope.ts';
import { certificationSchema, certificationView, enrolmentSchema, enrolmentView } from './training-views.ts';

const recordSchema = z.object({
  mediator: mediatorSchema,
  enrolments: z.array(
    enrolmentSchema.extend({ courseTitle: z.object({ kk: z.string(), ru: z.string() }).nullable() }),
  ),
  certifications: z.array(certificationSchema),
  practice: z.object({
    /** Cases closed with an outcome reached, ever. */
    caseCount: z.number().int(),
    /** Of those, closed since the current certificate's validFrom: what renewal counts. */
    sinceValidFrom: z.number().int().nullable(),
    requiredForRenewal: z.number().int(),
  }),
});

/** Enough for any real career; a record is one screen, not a list to page through. */
const maxEnrolments = 200;

export function mediatorRecordRoutes(app: HttpApp, deps: RouteDeps): void {
  const { mediators, enrolments, courses, practice } = deps.stores;

  app.get(
    '/mediators/:mediatorId/record',
    {
      schema: {
        summary: "A mediator's training record: enrolments, certifications and practice",
        operationId: 'getMediatorRecord',
        tags: ['mediators'],
        params: mediatorIdParams,
        response: { 200: recordSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const mediator = await mediators.load(request.params.mediatorId);
      if (!mediator || !canRead(request.principal, mediator)) throw notFound('mediator');
      request.log.info(
        { mediatorId: mediator.mediatorId, viewer: request.principal.sub },
        'mediator record viewed',
      );
      const taken = await enrolments.all({ mediatorId: mediator.mediatorId }, maxEnrolments);
      const courseIds = [...new Set(taken.map((enrolment) => enrolment.courseId))];
      const titles = new Map(
        (await courses.all({ _id: { $in: courseIds } }, courseIds.length)).map((course) => [
          course.courseId,
          course.title,
        ]),
      );
      const certified = taken.filter((enrolment) => enrolment.certification !== null);
      const current = certified
        .filter((enrolment) => enrolment.certification?.status === 'valid')
        .sort((a, b) => (a.certification!.validUntil < b.certification!.validUntil ? 1 : -1))[0];
      const since = current?.certification?.validFrom;
      return {
        mediator: mediatorView(deps.cipher, mediator),
        enrolments: taken.map((enrolment) => ({
          ...enrolmentView(enrolment),
          courseTitle: titles.get(enrolment.courseId) ?? null,
        })),
        certifications: certified.map(certificationView),
        practice: {
          caseCount: await practice.count(mediator.mediatorId),
          sinceValidFrom: since ? await practice.count(mediator.mediatorId, since) : null,
          requiredForRenewal: renewalPracticeThreshold,
        },
      };
    },
  );
}

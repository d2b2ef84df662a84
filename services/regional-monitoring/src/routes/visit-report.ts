// GET /visits/:id/report?lang=kk|ru: the visit's report as a PDF, for who may read the visit.
import { monitoringIdParams } from '@kelisim/contracts/api/monitoring';
import { dayOf } from '@kelisim/contracts/calendar';
import { labelLanguages } from '@kelisim/contracts/reference/vocabulary';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { pdfResponse, sendPdf } from '@kelisim/service-kit/documents/printable-reply';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { visitReport } from '../documents/visit-report.ts';
import type { Recommendation } from '../domain/recommendation.ts';
import { territoryBranches } from '../store/scope.ts';
import { visibleOr404 } from './request-context.ts';
import type { RouteDeps } from './route-deps.ts';

const reportQuery = z.strictObject({ lang: z.enum(labelLanguages).default('kk') });
/** A visit's recommendations are few; the report lists up to this many. */
const maxRecommendations = 100;

export function registerVisitReportRoute(app: HttpApp, deps: RouteDeps): void {
  const { stores, cipher, clock } = deps;
  app.get(
    '/visits/:id/report',
    {
      schema: {
        summary:
          "The visit's report (findings per indicator, recommendations) as a PDF, in Kazakh or Russian",
        operationId: 'printVisitReport',
        tags: ['visits'],
        params: monitoringIdParams,
        querystring: reportQuery,
        response: { 200: pdfResponse, ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      requireRole(principal, 'supervisor', 'group_member', 'admin');
      const doc = visibleOr404(
        principal,
        await stores.visits.load(request.params.id),
        (v) => v.districts,
        'visit',
      );
      const visit = stateOf(doc);
      const [page, catalogue] = await Promise.all([
        stores.recommendations.list(
          { scope: territoryBranches(principal, 'district'), visitId: visit.id },
          undefined,
          maxRecommendations,
        ),
        stores.indicators.catalogue(),
      ]);
      const recommendations = page.items
        .map((item) => stateOf(item) as Recommendation)
        .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))
        .map((recommendation) => ({ recommendation, text: cipher.decrypt(recommendation.text) }));
      const report = visitReport(
        {
          visit,
          notes: visit.findings.map((finding) => (finding.note ? cipher.decrypt(finding.note) : null)),
          overallAssessment: visit.overallAssessment ? cipher.decrypt(visit.overallAssessment) : null,
          recommendations,
        },
        catalogue,
        request.query.lang,
        dayOf(clock()),
      );
      return sendPdf(reply, `visit-report-${visit.id}-${request.query.lang}`, report);
    },
  );
}

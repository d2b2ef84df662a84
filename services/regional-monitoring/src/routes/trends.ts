// GET /regions/:region/trends?from=YYYY-MM&to=YYYY-MM: the region's and each district's monthly
// figures (domain/trends.ts), every count a published count, for the same readers and territory
// as the region's statistics.
import { dayOf } from '@kelisim/contracts/calendar';
import { districtsOf, regionCodeSchema } from '@kelisim/contracts/reference/regions';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { NotFoundError } from '@kelisim/service-kit/errors';
import { pagesOf } from '@kelisim/service-kit/exports/register-pages';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { z } from 'zod';
import type { Recommendation } from '../domain/recommendation.ts';
import { monthsFrom, type RecommendationFacts, regionTrends } from '../domain/trends.ts';
import { reachesRegion } from '../store/scope.ts';
import { regionResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const maxMonths = 36;
const trendsQuery = z
  .strictObject({ from: monthSchema.optional(), to: monthSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

/** The last day of a `YYYY-MM` month. */
const lastDayOf = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

export function registerTrendRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, clock } = deps;
  app.get(
    '/regions/:region/trends',
    {
      schema: {
        summary:
          "A region's and its districts' monthly trends, counts under 5 hidden and others in bands of 5",
        operationId: 'getRegionalTrends',
        tags: ['statistics'],
        params: z.object({ region: regionCodeSchema }),
        querystring: trendsQuery,
        response: regionResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { region } = request.params;
      if (!reachesRegion(request.principal, region)) {
        throw new NotFoundError('No such region in your territory.', { code: 'region.not_found' });
      }
      const today = dayOf(clock());
      const to = request.query.to ?? today.slice(0, 7);
      // From `from` (at most the 36 months up to `to`), or the 12 months up to `to`.
      const months = monthsFrom(request.query.from ?? '2000-01', to).slice(
        -(request.query.from ? maxMonths : 12),
      );
      const first = months[0] ?? to;
      const recommendations: RecommendationFacts[] = [];
      const due = pagesOf((cursor) =>
        stores.recommendations.list(
          { scope: [{ region }], from: `${first}-01`, to: lastDayOf(to) },
          cursor,
          500,
        ),
      );
      for await (const page of due) {
        for (const doc of page) {
          const r = stateOf(doc) as Recommendation;
          if (r.status === 'draft') continue;
          recommendations.push({
            region: r.region,
            district: r.district,
            dueDate: r.dueDate,
            completedOn: r.completedOn,
          });
        }
      }
      const [cases, changes] = await Promise.all([
        stores.caseTrends.ofRegion(region),
        stores.risks.changes(region, 1_000),
      ]);
      return regionTrends({
        region,
        districts: districtsOf(region).map((district) => district.kato),
        months,
        cases,
        recommendations,
        bands: changes.map((change) => ({ at: new Date(change.at), band: change.to })),
        today,
      });
    },
  );
}

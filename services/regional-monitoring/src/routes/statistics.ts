// Regional statistics: aggregates only, per region or district, every count published by the
// small-count rule (domain/small-counts.ts): under 5 hidden (null), otherwise the multiple of 5 at
// or below it, totals included, so that no small group can be singled out.
import { districtCodeSchema, isDistrictOf, regionCodeSchema } from '@kelisim/contracts/reference/regions';
import { NotFoundError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import { requireRole } from '@kelisim/service-kit/principal';
import { z } from 'zod';
import { minimumShownCount, publishedBreakdown, publishedCount } from '../domain/small-counts.ts';
import { reachesRegion } from '../store/scope.ts';
import { regionResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';

const regionParams = z.object({ region: regionCodeSchema });
const statisticsQuery = z.object({ district: districtCodeSchema.optional() });

/** Visits per kind of partner met: a visit that met two partners of one kind counts once for it. */
async function visitsByPartnerKindMet(
  partners: PartnerReadModel,
  partnersMet: readonly string[][],
): Promise<Record<string, number>> {
  const known = await partners.find(partnersMet.flat());
  const counts: Record<string, number> = {};
  for (const met of partnersMet) {
    const kinds = new Set(met.flatMap((id) => known.get(id)?.kind ?? []));
    for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

export function registerStatisticsRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores } = deps;

  app.get(
    '/regions/:region/statistics',
    {
      schema: {
        summary: "A region's statistics, counts under 5 suppressed",
        operationId: 'getRegionalStatistics',
        tags: ['statistics'],
        params: regionParams,
        querystring: statisticsQuery,
        response: regionResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { region } = request.params;
      const { district } = request.query;
      if (!reachesRegion(request.principal, region) || (district && !isDistrictOf(district, region))) {
        throw new NotFoundError('No such region or district in your territory.', {
          code: 'region.not_found',
        });
      }
      const [byCategory, byUrgency, byStatus, byDistrict, visits, open, overdue, changes] = await Promise.all(
        [
          stores.caseSignals.countBy('category', region, district),
          stores.caseSignals.countBy('urgency', region, district),
          stores.caseSignals.countBy('status', region, district),
          stores.caseSignals.countBy('district', region, district),
          stores.visits.countByStatus(region, district),
          stores.recommendations.countOpen(region, district),
          stores.recommendations.countOverdue(region, district),
          stores.risks.changes(region, 50),
        ],
      );
      const [referredByKind, byMediatorKind, sessionsByVenueKind, partnersMet] = await Promise.all([
        stores.caseSignals.countBy('referralPartnerKind', region, district),
        stores.caseSignals.countBy('mediatorKind', region, district),
        stores.caseSignals.countSessionsByVenueKind(region, district),
        stores.visits.partnersMet(region, district),
      ]);
      const visitsByPartnerKind = await visitsByPartnerKindMet(stores.partners, partnersMet);
      return {
        region,
        district: district ?? null,
        minimumShownCount,
        cases: {
          byCategory: publishedBreakdown(byCategory),
          byUrgency: publishedBreakdown(byUrgency),
          byStatus: publishedBreakdown(byStatus),
          byDistrict: publishedBreakdown(byDistrict),
          referredToPartnersByKind: publishedBreakdown(referredByKind),
          // Cases with a mediator, by whether a certified professional or a volunteer handles them.
          byMediatorKind: publishedBreakdown(byMediatorKind),
        },
        sessions: { byVenueKind: publishedBreakdown(sessionsByVenueKind) },
        visits: {
          byStatus: publishedBreakdown(visits),
          // A visit meets partners of several kinds: the total is the visits that met any.
          byPartnerKindMet: {
            ...publishedBreakdown(visitsByPartnerKind),
            total: publishedCount(partnersMet.length),
          },
        },
        recommendations: { open: publishedCount(open), overdue: publishedCount(overdue) },
        // Band changes are the region's, not a count of people: shown as they are.
        riskHistory: changes.map(({ from, to, at, direction }) => ({ from, to, at, direction })),
      };
    },
  );
}

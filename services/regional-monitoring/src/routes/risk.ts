// Regional risk over HTTP: the current score of each region in reach with its named factors and
// the last band change's explanation, and the history of band changes. A district's members see
// their region's risk: the index is regional, so its factors and score are shown as published
// (domain/small-counts.ts): made of published counts, never exact ones under 5.

import { riskFactors as factorLabels, riskBands } from '@kelisim/contracts/reference/monitoring-vocabulary';
import { regionCodeSchema } from '@kelisim/contracts/reference/regions';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import { NotFoundError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import { type Principal, requireRole } from '@kelisim/service-kit/principal';
import { z } from 'zod';
import { calmRegion, type RegionRisk } from '../domain/region-risk.ts';
import { publishedFactors, publishedPoints, publishedScore } from '../domain/small-counts.ts';
import { reachesRegion, regionsReached } from '../store/scope.ts';
import { listResponses, readResponses, regionResponses } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';

const regionParams = z.object({ region: regionCodeSchema });
const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export function riskView(risk: RegionRisk, version: number) {
  return {
    region: risk.region,
    version,
    score: publishedScore(risk.factors),
    band: risk.band,
    bandLabels: riskBands.labels[risk.band],
    windowDays: risk.windowDays,
    scoredAt: version === 0 ? null : risk.scoredAt,
    factors: publishedFactors(risk.factors).map((factor) => ({
      ...factor,
      points: publishedPoints(factor),
      labels: factorLabels.labels[factor.name],
    })),
    lastChange: risk.lastChange,
  };
}

function requireReach(principal: Principal, region: string): void {
  if (!reachesRegion(principal, region))
    throw new NotFoundError('No such region in your territory.', { code: 'region.not_found' });
}

export function registerRiskRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, windowDays } = deps;
  const tags = ['risk'];

  app.get(
    '/risk',
    {
      schema: {
        summary: 'The current risk of each region in reach',
        operationId: 'listRegionalRisk',
        tags,
        response: listResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const reached = regionsReached(request.principal);
      const docs = await stores.risks.list(reached === 'all' ? {} : { _id: { $in: reached } });
      return { items: docs.map((doc) => riskView(stateOf(doc), doc.version)) };
    },
  );

  app.get(
    '/regions/:region/risk',
    {
      schema: {
        summary: "A region's current risk, its factors and the last band change's explanation",
        operationId: 'getRegionalRisk',
        tags,
        params: regionParams,
        response: readResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      requireReach(request.principal, request.params.region);
      const doc = await stores.risks.load(request.params.region);
      // A region nobody has scored yet is calm, not missing.
      return doc
        ? riskView(stateOf(doc), doc.version)
        : riskView(calmRegion(request.params.region, windowDays), 0);
    },
  );

  app.get(
    '/regions/:region/risk/history',
    {
      schema: {
        summary: "A region's band changes",
        operationId: 'listRegionalRiskHistory',
        tags,
        params: regionParams,
        querystring: historyQuery,
        response: regionResponses,
      },
    },
    async (request) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      requireReach(request.principal, request.params.region);
      return { items: await stores.risks.changes(request.params.region, request.query.limit) };
    },
  );
}

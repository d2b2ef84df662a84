// GET /visits/export and /recommendations/export: the registers, the lists' filters and scope over
// every page, as CSV or XLSX. Free text (a finding's note, the overall assessment, a review's
// comment, a recommendation's text) stays out of them: it may name people, it is read one record
// at a time where it is shown in context, and a register is handed over to others.

import { exportRecommendationsQuery, exportVisitsQuery } from '@kelisim/contracts/api/monitoring';
import { dayOf } from '@kelisim/contracts/calendar';
import { stateOf } from '@kelisim/service-kit/commands/run-command';
import type { RegisterColumn } from '@kelisim/service-kit/exports/register-columns';
import { eachPage, pagesOf } from '@kelisim/service-kit/exports/register-pages';
import { registerResponse, sendRegister } from '@kelisim/service-kit/exports/register-reply';
import type { HttpApp } from '@kelisim/service-kit/http';
import { requireRole } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { Recommendation } from '../domain/recommendation.ts';
import type { Visit } from '../domain/visit.ts';
import { territoryBranches } from '../store/scope.ts';
import type { RouteDeps } from './route-deps.ts';

const exportPageSize = 500;
const fileResponses = { 200: registerResponse, ...problemResponses(403) };

const visitColumns: RegisterColumn<Visit>[] = [
  { header: 'visitId', value: (visit) => visit.id, width: 38 },
  { header: 'region', value: (visit) => visit.region },
  { header: 'districts', value: (visit) => visit.districts.join(' ') },
  { header: 'status', value: (visit) => visit.status },
  { header: 'decision', value: (visit) => visit.review?.decision ?? null },
  { header: 'plannedFrom', value: (visit) => visit.plannedFrom },
  { header: 'plannedTo', value: (visit) => visit.plannedTo },
  { header: 'visitedFrom', value: (visit) => visit.visitedFrom },
  { header: 'visitedTo', value: (visit) => visit.visitedTo },
  { header: 'leadSupervisorId', value: (visit) => visit.leadSupervisorId },
  { header: 'teamSize', value: (visit) => visit.team.length },
  { header: 'findings', value: (visit) => visit.findings.length },
  { header: 'findingsScore', value: (visit) => visit.findingsScore },
  { header: 'createdAt', value: (visit) => visit.createdAt, width: 26 },
];

function recommendationColumns(today: string): RegisterColumn<Recommendation>[] {
  return [
    { header: 'recommendationId', value: (r) => r.id, width: 38 },
    { header: 'visitId', value: (r) => r.visitId, width: 38 },
    { header: 'region', value: (r) => r.region },
    { header: 'district', value: (r) => r.district },
    { header: 'ownerGroupId', value: (r) => r.ownerGroupId, width: 38 },
    { header: 'indicator', value: (r) => r.indicator },
    { header: 'priority', value: (r) => r.priority },
    { header: 'status', value: (r) => r.status },
    { header: 'dueDate', value: (r) => r.dueDate },
    {
      header: 'pastDue',
      value: (r) => (r.status === 'open' || r.status === 'in_progress') && r.dueDate < today,
    },
    { header: 'overdueSince', value: (r) => r.overdueSince },
    { header: 'completedOn', value: (r) => r.completedOn },
    { header: 'issuedAt', value: (r) => r.issuedAt, width: 26 },
  ];
}

export function registerMonitoringExportRoutes(app: HttpApp, deps: RouteDeps): void {
  const { stores, clock } = deps;

  app.get(
    '/visits/export',
    {
      schema: {
        summary: 'The visits register (the list’s filters, every page) as CSV or XLSX',
        operationId: 'exportVisits',
        tags: ['visits'],
        querystring: exportVisitsQuery,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { format, ...filter } = request.query;
      const scope = territoryBranches(request.principal);
      const docs = pagesOf((cursor) => stores.visits.list({ scope, ...filter }, cursor, exportPageSize));
      return sendRegister(reply, {
        format,
        name: `visits-${dayOf(clock())}`,
        columns: visitColumns,
        pages: eachPage(docs, (page) => page.map(stateOf)),
      });
    },
  );

  app.get(
    '/recommendations/export',
    {
      schema: {
        summary: 'The recommendations register (the list’s filters, every page) as CSV or XLSX',
        operationId: 'exportRecommendations',
        tags: ['recommendations'],
        querystring: exportRecommendationsQuery,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      requireRole(request.principal, 'supervisor', 'group_member', 'admin');
      const { format, ...filter } = request.query;
      const scope = territoryBranches(request.principal, 'district');
      const docs = pagesOf((cursor) =>
        stores.recommendations.list({ scope, ...filter }, cursor, exportPageSize),
      );
      const today = dayOf(clock());
      return sendRegister(reply, {
        format,
        name: `recommendations-${today}`,
        columns: recommendationColumns(today),
        pages: eachPage(docs, (page) => page.map(stateOf)),
      });
    },
  );
}

// GET /cases/export: the cases register, the list's filters, scope and order over every case, as CSV or
// XLSX. Party names are a column only for roles that may see personal data, filled only on the
// cases they may see it for; each such case's read is in the audit trail before its row is sent.
import { exportCasesQuery } from '@kelisim/contracts/api/cases';
import { dayOf } from '@kelisim/contracts/calendar';
import type { RegisterColumn } from '@kelisim/service-kit/exports/register-columns';
import { eachPage } from '@kelisim/service-kit/exports/register-pages';
import { registerResponse, sendRegister } from '@kelisim/service-kit/exports/register-reply';
import type { HttpApp } from '@kelisim/service-kit/http';
import { hasRole, type Principal } from '@kelisim/service-kit/principal';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyRequest } from 'fastify';
import { canSeePersonalData, caseScopeOf } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import type { RouteDeps } from './route-deps.ts';

/** A page read from the store: big enough to amortise a round trip, small enough to hold. */
const exportPageSize = 500;

export type ExportRow = { stored: StoredCase; partyNames: string | null };

export const caseColumns: RegisterColumn<ExportRow>[] = [
  { header: 'caseNumber', value: ({ stored }) => stored.caseNumber, width: 20 },
  { header: 'status', value: ({ stored }) => stored.status },
  { header: 'region', value: ({ stored }) => stored.region },
  { header: 'district', value: ({ stored }) => stored.district },
  { header: 'category', value: ({ stored }) => stored.category },
  { header: 'urgency', value: ({ stored }) => stored.urgency },
  { header: 'escalationLevel', value: ({ stored }) => stored.escalationLevel },
  { header: 'partyCount', value: ({ stored }) => stored.parties.length },
  { header: 'mediatorId', value: ({ stored }) => stored.mediatorId },
  { header: 'outcome', value: ({ stored }) => stored.outcome?.kind ?? null },
  { header: 'followUpDue', value: ({ stored }) => stored.followUpDue },
  { header: 'registeredAt', value: ({ stored }) => stored.registeredAt, width: 26 },
  { header: 'updatedAt', value: ({ stored }) => stored.updatedAt, width: 26 },
];
const partyNamesColumn: RegisterColumn<ExportRow> = {
  header: 'partyNames',
  value: (row) => row.partyNames,
  width: 40,
};

/** Roles that see personal data on some cases (case-scope.ts `canSeePersonalData`). */
function mayExportPersonalData(principal: Principal): boolean {
  return hasRole(principal, 'mediator', 'group_member', 'admin');
}

export function registerCaseExportRoutes(app: HttpApp, deps: RouteDeps): void {
  app.get(
    '/cases/export',
    {
      schema: {
        operationId: 'exportCases',
        tags: ['cases'],
        summary: 'The cases register (the list’s filters, every page) as CSV or XLSX',
        querystring: exportCasesQuery,
        response: { 200: registerResponse, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { format, mediator, ...filters } = request.query;
      const principal = request.principal;
      const scope = caseScopeOf(principal);
      const personal = mayExportPersonalData(principal);
      const cases = deps.cases.exportPages(scope, { ...filters, mediatorId: mediator }, exportPageSize);
      const rows = eachPage(cases, (page) => (personal ? withPartyNames(deps, request, page) : plain(page)));
      return sendRegister(reply, {
        format,
        name: `cases-${dayOf(deps.clock())}`,
        columns: personal ? [...caseColumns, partyNamesColumn] : caseColumns,
        pages: rows,
      });
    },
  );
}

function plain(page: readonly StoredCase[]): ExportRow[] {
  return page.map((stored) => ({ stored, partyNames: null }));
}

/** Names for the cases the caller may see them on, each such read recorded before it is sent. */
async function withPartyNames(
  deps: RouteDeps,
  request: FastifyRequest,
  page: readonly StoredCase[],
): Promise<ExportRow[]> {
  const at = deps.clock();
  const rows = page.map((stored) => {
    if (!canSeePersonalData(request.principal, stored)) return { stored, partyNames: null };
    const names = stored.parties.flatMap((party) => (party.name ? [deps.cipher.decrypt(party.name)] : []));
    return { stored, partyNames: names.join('; ') };
  });
  await Promise.all(
    rows
      .filter((row) => row.partyNames !== null)
      .map(({ stored }) =>
        deps.audit.recordRead(deps.newId(), at, stored, {
          ...auditStampOf(request, 'export'),
          fields: ['parties.name'],
          personalDataReturned: true,
        }),
      ),
  );
  return rows;
}

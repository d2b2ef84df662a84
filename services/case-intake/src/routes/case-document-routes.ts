// GET /cases/:caseId/documents/{agreement,summary}?lang=kk|ru: the case's printable documents as
// PDF. The agreement carries names and its text, so only those who may see the case's personal
// data print it; the summary names the parties only for them. Either read of names is audited. The
// mediator is named as mediator-training names them to the caller (directory/mediator-names.ts).
import { caseIdParams } from '@kelisim/contracts/api/cases';
import { dayOf } from '@kelisim/contracts/calendar';
import { labelLanguages } from '@kelisim/contracts/reference/vocabulary';
import { pdfResponse, sendPdf } from '@kelisim/service-kit/documents/printable-reply';
import { ConflictError, ForbiddenError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agreementDocument, type OpenedCase, summaryDocument } from '../documents/case-documents.ts';
import { canSeePersonalData } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import { loadVisibleCase } from './case-read-routes.ts';
import type { RouteDeps } from './route-deps.ts';

const documentQuery = z.strictObject({ lang: z.enum(labelLanguages).default('kk') });
const pdfResponses = { 200: pdfResponse, ...problemResponses(400, 403, 404, 409) };

async function opened(
  deps: RouteDeps,
  request: FastifyRequest,
  stored: StoredCase,
  action: string,
): Promise<OpenedCase> {
  const personal = canSeePersonalData(request.principal, stored);
  const open = (value: Parameters<typeof deps.cipher.decrypt>[0] | null) =>
    personal && value !== null ? deps.cipher.decrypt(value) : null;
  if (personal) {
    const fields = ['parties.name', ...(stored.outcome?.agreement ? ['outcome.agreement'] : [])];
    await deps.audit.recordRead(deps.newId(), deps.clock(), stored, {
      ...auditStampOf(request, action),
      fields,
      personalDataReturned: true,
    });
  }
  const asker = { authorization: request.headers.authorization, log: request.log };
  return {
    state: stored,
    names: new Map(stored.parties.map((party) => [party.partyId, open(party.name)])),
    agreement: open(stored.outcome?.agreement ?? null),
    mediatorName: stored.mediatorId ? await deps.mediatorNames.nameOf(stored.mediatorId, asker) : null,
  };
}

export function registerCaseDocumentRoutes(app: HttpApp, deps: RouteDeps): void {
  app.get(
    '/cases/:caseId/documents/agreement',
    {
      schema: {
        operationId: 'printCaseAgreement',
        tags: ['cases'],
        summary: 'The written agreement as a PDF to print and sign, in Kazakh or Russian',
        params: caseIdParams,
        querystring: documentQuery,
        response: pdfResponses,
      },
    },
    async (request, reply) => {
      const stored = await loadVisibleCase(deps, request.principal, request.params.caseId);
      if (!canSeePersonalData(request.principal, stored)) {
        throw new ForbiddenError('The agreement names the parties: only who may see them prints it.', {
          code: 'case.document_personal_data',
        });
      }
      if (!stored.outcome?.agreement) {
        throw new ConflictError('The case has no written agreement to print.', {
          code: 'case.no_written_agreement',
          currentState: stored.status,
        });
      }
      const document = agreementDocument(
        await opened(deps, request, stored, 'print:agreement'),
        request.query.lang,
      );
      return sendPdf(reply, `agreement-${stored.caseNumber}-${request.query.lang}`, document);
    },
  );

  app.get(
    '/cases/:caseId/documents/summary',
    {
      schema: {
        operationId: 'printCaseSummary',
        tags: ['cases'],
        summary: 'A summary of the case as a PDF, in Kazakh or Russian',
        params: caseIdParams,
        querystring: documentQuery,
        response: pdfResponses,
      },
    },
    async (request, reply) => {
      const stored = await loadVisibleCase(deps, request.principal, request.params.caseId);
      const document = summaryDocument(
        await opened(deps, request, stored, 'print:summary'),
        request.query.lang,
        dayOf(deps.clock()),
      );
      return sendPdf(reply, `summary-${stored.caseNumber}-${request.query.lang}`, document);
    },
  );
}

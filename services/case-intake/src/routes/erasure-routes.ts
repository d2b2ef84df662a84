// POST /cases/:caseId/withdraw-consent: a party withdraws consent, and their personal fields are
// erased at once (issue 9). In any state, closed cases included; who may run it is who may run
// commands on the case. The answer is the case as its caller sees it.
import { caseIdParams } from '@kelisim/contracts/api/cases';
import { idSchema } from '@kelisim/contracts/fields';
import { decisionContextOf, withVersion } from '@kelisim/service-kit/commands/command-http';
import { expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import { mayChange } from '../store/case-command-runner.ts';
import { eraseCaseData } from '../store/case-erasure.ts';
import { canSeePersonalData } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import { caseResponse } from './case-schemas.ts';
import { caseView } from './case-view.ts';
import { toHttpError } from './http-errors.ts';
import type { RouteDeps } from './route-deps.ts';

export const withdrawConsentBody = z.strictObject({ partyId: idSchema });

export function registerErasureRoutes(app: HttpApp, deps: RouteDeps): void {
  app.post(
    '/cases/:caseId/withdraw-consent',
    {
      schema: {
        operationId: 'withdrawConsent',
        tags: ['case commands'],
        summary: 'A party withdraws consent: their personal data is erased',
        params: caseIdParams,
        body: withdrawConsentBody,
        response: { 200: caseResponse, ...problemResponses(400, 403, 404, 412, 422) },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const { caseId } = request.params;
      let stored: StoredCase;
      try {
        stored = await eraseCaseData(deps, caseId, decisionContextOf(request, deps), {
          command: { type: 'withdraw-consent', partyId: request.body.partyId },
          audit: auditStampOf(request, 'erase:consent_withdrawn'),
          expectedVersion: expectedVersionFrom(request),
          authorise: mayChange(principal),
        });
      } catch (error) {
        throw toHttpError(error);
      }
      request.log.info({ caseId, version: stored.version }, 'party consent withdrawn; personal data erased');
      return withVersion(reply, stored).send(
        caseView(stored, deps.cipher, canSeePersonalData(principal, stored)),
      );
    },
  );
}

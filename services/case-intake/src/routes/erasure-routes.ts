// POST /cases/:caseId/withdraw-consent: a party withdraws consent, and their personal fields are
// erased at once (issue 9). In any state, closed cases included; who may run it is who may run
// commands on the case. The answer is the case as its caller sees it.
import { idSchema } from '@kelisim/contracts/fields';
import { ForbiddenError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { eraseCaseData } from '../store/case-erasure.ts';
import { canAccessCase, canCommand, canSeePersonalData } from '../store/case-scope.ts';
import type { StoredCase } from '../store/case-store.ts';
import { auditStampOf } from './audit-stamp.ts';
import { caseIdParams, caseResponse } from './case-schemas.ts';
import { caseView } from './case-view.ts';
import { caseNotFound, toHttpError } from './http-errors.ts';

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
      const ctx = { now: deps.clock(), actor: principal.sub, newId: deps.newId, correlationId: request.id };
      let stored: StoredCase;
      try {
        stored = await eraseCaseData(deps, caseId, ctx, {
          command: { type: 'withdraw-consent', partyId: request.body.partyId },
          audit: auditStampOf(request, 'erase:consent_withdrawn'),
          expectedVersion: expectedVersionFrom(request),
          authorise: (current) => {
            if (!canAccessCase(principal, current)) throw caseNotFound(caseId);
            if (!canCommand(principal, current))
              throw new ForbiddenError('You may read this case but not change it.');
          },
        });
      } catch (error) {
        throw toHttpError(error, caseId);
      }
      request.log.info({ caseId, version: stored.version }, 'party consent withdrawn; personal data erased');
      return reply
        .header('etag', etagOf(stored.version))
        .send(caseView(stored, deps.cipher, canSeePersonalData(principal, stored)));
    },
  );
}

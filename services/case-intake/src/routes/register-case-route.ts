// POST /cases: registration. The route parses and answers; the use case (store/case-registration.ts)
// seals, numbers, looks up duplicates and commits under the kit's one meaning of Idempotency-Key.

import { registerCaseBody } from '@kelisim/contracts/api/cases';
import { answerCreation, decisionContextOf } from '@kelisim/service-kit/commands/command-http';
import { idempotencyKeyFrom } from '@kelisim/service-kit/commands/creation';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { canSeePersonalData } from '../store/case-scope.ts';
import { recordPersonalRead } from './audit-routes.ts';
import { auditStampOf } from './audit-stamp.ts';
import { caseResponse } from './case-schemas.ts';
import { caseView } from './case-view.ts';
import type { RouteDeps } from './route-deps.ts';

export function registerRegisterCaseRoute(app: HttpApp, deps: RouteDeps): void {
  app.post(
    '/cases',
    {
      schema: {
        operationId: 'registerCase',
        tags: ['cases'],
        summary: 'Register a case',
        body: registerCaseBody,
        response: { 200: caseResponse, 201: caseResponse, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const created = await deps.registrations.register({
        principal,
        key: idempotencyKeyFrom(request),
        body: request.body,
        ctx: decisionContextOf(request, deps),
        stamp: auditStampOf(request, 'register'),
      });
      const { current } = created;
      // A replay shows the case as its caller may see it today; a new case shows its registrar everything.
      const personal = !created.replayed || canSeePersonalData(principal, current);
      if (created.replayed && personal) await recordPersonalRead(deps, request, current);
      request.log.info({ caseId: current._id, replayed: created.replayed }, 'case registered');
      return answerCreation(reply, created, `/cases/${current._id}`).send(
        caseView(current, deps.cipher, personal),
      );
    },
  );
}

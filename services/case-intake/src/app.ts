// buildApp: the case-intake HTTP API on the kit's fastify instance. No I/O at import or build;
// everything it talks to is passed in (STYLE.md rule 6).

import type { TokenVerifier } from '@kelisim/service-kit/auth';
import { Creations } from '@kelisim/service-kit/commands/creation';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { buildHttpApp, type HttpApp, type ReadinessCheck } from '@kelisim/service-kit/http';
import type { Logger } from '@kelisim/service-kit/log';
import type { PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import type { Connection } from 'mongoose';
import type { MediatorNames } from './directory/mediator-names.ts';
import { caseProblemTexts } from './domain/case-problem-texts.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerCaseCommandRoutes } from './routes/case-command-routes.ts';
import { registerCaseDocumentRoutes } from './routes/case-document-routes.ts';
import { registerCaseExportRoutes } from './routes/case-export-routes.ts';
import { registerCaseReadRoutes } from './routes/case-read-routes.ts';
import { registerErasureRoutes } from './routes/erasure-routes.ts';
import { registerRegisterCaseRoute } from './routes/register-case-route.ts';
import type { RouteDeps } from './routes/route-deps.ts';
import type { CaseAuditTrail } from './store/case-audit.ts';
import { caseRunner } from './store/case-command-runner.ts';
import type { CaseNumbers } from './store/case-numbers.ts';
import { CaseRegistrations } from './store/case-registration.ts';
import type { CaseStore } from './store/case-store.ts';
import type { MediatorReadModel } from './store/mediator-read-model.ts';

export type AppDeps = {
  logger: Logger;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  cases: CaseStore;
  audit: CaseAuditTrail;
  numbers: CaseNumbers;
  /** Holds the Idempotency-Key claims of registrations. */
  connection: Connection;
  mediators: MediatorReadModel;
  mediatorNames: MediatorNames;
  partners: PartnerReadModel;
  cipher: FieldCipher;
  /** The outbox relay, woken after each commit. */
  relay: { wake(): void };
  clock: () => Date;
  newId: () => string;
  /** CORS origins, rate and overload limits from the environment (the kit's defaults otherwise). */
  httpGuards?: HttpGuards;
};

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'case-intake',
    description: 'Ethnomediation cases: intake, consent, sessions, agreements and follow-up.',
    logger: deps.logger,
    auth: deps.auth,
    readiness: deps.readiness,
    problemTexts: caseProblemTexts,
    ...deps.httpGuards,
  });
  const runner = caseRunner(deps.cases, deps.relay);
  // A registration's pointer goes in alongside its number and duplicate lookup (docs/adr/0019).
  const creations = new Creations(deps.connection, runner, deps.newId, { pointerWhileDeciding: true });
  const routeDeps: RouteDeps = {
    ...deps,
    runner,
    registrations: new CaseRegistrations({ ...deps, runner, creations }),
  };
  registerRegisterCaseRoute(app, routeDeps);
  registerCaseExportRoutes(app, routeDeps);
  registerCaseReadRoutes(app, routeDeps);
  registerCaseDocumentRoutes(app, routeDeps);
  registerCaseCommandRoutes(app, routeDeps);
  registerErasureRoutes(app, routeDeps);
  registerAuditRoutes(app, routeDeps);
  return app;
}

// buildApp(deps): the HTTP API of mediator-training on the kit's fastify app. No I/O at import;
// main.ts and the integration tests pass in the stores, cipher, relay and clock.

import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { buildHttpApp, type HttpApp, type ReadinessCheck } from '@kelisim/service-kit/http';
import type { Logger } from 'pino';
import { trainingProblemTexts } from './domain/training-problem-texts.ts';
import { certificationRoutes } from './routes/certifications.ts';
import { courseRoutes } from './routes/courses.ts';
import { enrolmentRoutes } from './routes/enrolments.ts';
import { mediatorNameRoutes } from './routes/mediator-names.ts';
import { mediatorRecordRoutes } from './routes/mediator-record.ts';
import { mediatorRoutes } from './routes/mediators.ts';
import { partnerRoutes } from './routes/partners.ts';
import type { RouteDeps } from './routes/route-deps.ts';
import type { Stores } from './store/stores.ts';
import { TrainingCommands } from './store/training-commands.ts';

export type AppDeps = {
  logger: Logger;
  /** Rate limits and load shedding from the environment (issue 10); the kit's defaults without. */
  httpGuards?: HttpGuards;
  auth: TokenVerifier;
  readiness: ReadinessCheck;
  stores: Stores;
  cipher: FieldCipher;
  relay: { wake: () => void };
  clock: () => Date;
  newId: () => string;
};

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await buildHttpApp({
    service: 'mediator-training',
    description: 'Mediator registry, courses, enrolments and certification',
    logger: deps.logger,
    auth: deps.auth,
    readiness: deps.readiness,
    problemTexts: trainingProblemTexts,
    ...deps.httpGuards,
  });
  const routeDeps: RouteDeps = {
    stores: deps.stores,
    commands: new TrainingCommands(deps.stores, deps.relay, deps.newId),
    cipher: deps.cipher,
    clock: deps.clock,
    newId: deps.newId,
  };
  mediatorNameRoutes(app, routeDeps);
  mediatorRoutes(app, routeDeps);
  mediatorRecordRoutes(app, routeDeps);
  courseRoutes(app, routeDeps);
  enrolmentRoutes(app, routeDeps);
  certificationRoutes(app, routeDeps);
  partnerRoutes(app, routeDeps);
  return app;
}

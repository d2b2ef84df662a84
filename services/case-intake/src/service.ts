// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the cases commit log, the app, the `mediators` consumer and the sweeps
// (follow-up due, retention).
import { newEventId } from '@kelisim/contracts/envelope';
import type { HttpApp } from '@kelisim/service-kit/http';
import { JobTurns } from '@kelisim/service-kit/job-turns';
import { PartnerReadModel } from '@kelisim/service-kit/partner-directory';
import type { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import {
  type ServiceInputs as KitServiceInputs,
  relayOf,
  type ServiceLifecycle,
  serviceLifecycle,
} from '@kelisim/service-kit/service-lifecycle';
import { buildApp } from './app.ts';
import type { CaseIntakeConfig } from './config.ts';
import { mediatorNamesFrom } from './directory/mediator-names.ts';
import { caseIntakeConsumer } from './events/consumer.ts';
import { startFollowUpSweep } from './jobs/follow-up-due-sweep.ts';
import { startRetentionSweep } from './jobs/retention-sweep.ts';
import { CaseAuditTrail } from './store/case-audit.ts';
import { caseRunner } from './store/case-command-runner.ts';
import { CaseNumbers } from './store/case-numbers.ts';
import { CaseStore } from './store/case-store.ts';
import { MediatorReadModel } from './store/mediator-read-model.ts';

export type ServiceSettings = Pick<
  CaseIntakeConfig,
  'FOLLOW_UP_SWEEP_INTERVAL_MS' | 'RETENTION_SWEEP_INTERVAL_MS' | 'RETENTION_DAYS'
> &
  // Without it (the benchmarks' in-process builds), documents leave the mediator's name blank.
  Partial<Pick<CaseIntakeConfig, 'MEDIATOR_TRAINING_URL'>>;

export type ServiceInputs = KitServiceInputs<ServiceSettings>;

export type CaseIntakeService = {
  app: HttpApp;
  relay: OutboxRelay;
  cases: CaseStore;
  audit: CaseAuditTrail;
  mediators: MediatorReadModel;
  partners: PartnerReadModel;
} & ServiceLifecycle;

/** The service over its connections, its indexes ensured; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<CaseIntakeService> {
  const { settings, connections, logger } = inputs;
  const { connection } = connections;
  const clock = inputs.clock ?? (() => new Date());
  const cases = new CaseStore(connection);
  const mediators = new MediatorReadModel(connection);
  const partners = new PartnerReadModel(connection);
  await cases.ensureIndexes();
  const audit = new CaseAuditTrail(connection, cases);
  await audit.ensureIndexes();
  await mediators.ensureIndexes();
  const relay = relayOf([cases.log], inputs);
  const app = await buildApp({
    logger,
    auth: inputs.auth,
    readiness: connections.readiness,
    cases,
    audit,
    numbers: new CaseNumbers(connection),
    connection,
    mediators,
    mediatorNames: mediatorNamesFrom(settings.MEDIATOR_TRAINING_URL),
    partners,
    cipher: inputs.cipher,
    relay,
    clock,
    newId: newEventId,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
  });
  const startConsumer = (consumerLogger = logger) =>
    startServiceConsumer(
      caseIntakeConsumer,
      { mediators, partners },
      { ...connections, logger: consumerLogger },
    );
  return {
    app,
    relay,
    cases,
    audit,
    mediators,
    partners,
    ...serviceLifecycle({
      app,
      relay,
      startConsumer,
      startJobs: () => {
        const runner = caseRunner(cases, relay);
        const turns = new JobTurns(connection, clock);
        return [
          startFollowUpSweep(
            { cases, runner, clock, newId: newEventId, logger },
            settings.FOLLOW_UP_SWEEP_INTERVAL_MS,
            turns,
          ),
          startRetentionSweep(
            { cases, runner, clock, newId: newEventId, logger, retentionDays: settings.RETENTION_DAYS },
            settings.RETENTION_SWEEP_INTERVAL_MS,
            turns,
          ),
        ];
      },
    }),
  };
}

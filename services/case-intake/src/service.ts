// Wires the service's parts over given connections, for main.ts and the integration tests alike:
// stores, the relay of the cases commit log, the app, the `mediators` consumer and the sweeps
// (follow-up due, retention).
import { newEventId } from '@kelisim/contracts/envelope';
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { HttpGuards } from '@kelisim/service-kit/config';
import type { RunningConsumer } from '@kelisim/service-kit/consumer';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { IntervalJob } from '@kelisim/service-kit/interval-job';
import type { Logger } from '@kelisim/service-kit/log';
import { OutboxRelay } from '@kelisim/service-kit/relay';
import { startServiceConsumer } from '@kelisim/service-kit/service-consumer';
import type { ServiceConnections } from '@kelisim/service-kit/service-runtime';
import { buildApp } from './app.ts';
import type { CaseIntakeConfig } from './config.ts';
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
>;

export type ServiceInputs = {
  settings: ServiceSettings;
  connections: ServiceConnections;
  logger: Logger;
  auth: TokenVerifier;
  /** Rate limits and load shedding from the environment; the kit's defaults without. */
  httpGuards?: HttpGuards;
  cipher: FieldCipher;
  clock?: () => Date;
  /** How often the relay looks for commits it was not woken for (tests shorten it). */
  relayPollIntervalMs?: number;
};

export type CaseIntakeService = {
  app: HttpApp;
  relay: OutboxRelay;
  cases: CaseStore;
  audit: CaseAuditTrail;
  mediators: MediatorReadModel;
  /** The consumer alone (`start` starts it too), with an own logger if given. */
  startConsumer: (logger?: Logger) => Promise<RunningConsumer>;
  /** The relay, the consumer and the sweeps. */
  start: () => Promise<void>;
  /** The app, then what `start` started, in the order that loses no work. */
  stop: () => Promise<void>;
};

/** The service over its connections, its indexes ensured; nothing runs until `start`. */
export async function buildService(inputs: ServiceInputs): Promise<CaseIntakeService> {
  const { settings, connections, logger } = inputs;
  const { connection } = connections;
  const clock = inputs.clock ?? (() => new Date());
  const cases = new CaseStore(connection);
  const mediators = new MediatorReadModel(connection);
  await cases.ensureIndexes();
  const audit = new CaseAuditTrail(connection, cases);
  await audit.ensureIndexes();
  await mediators.ensureIndexes();
  const relay = new OutboxRelay({
    logs: [cases.log],
    producer: connections.producer,
    topicFor: connections.topicFor,
    logger,
    ...(inputs.relayPollIntervalMs === undefined ? {} : { pollIntervalMs: inputs.relayPollIntervalMs }),
  });
  const app = await buildApp({
    logger,
    auth: inputs.auth,
    readiness: connections.readiness,
    cases,
    audit,
    numbers: new CaseNumbers(connection),
    connection,
    mediators,
    cipher: inputs.cipher,
    relay,
    clock,
    newId: newEventId,
    ...(inputs.httpGuards ? { httpGuards: inputs.httpGuards } : {}),
  });
  const startConsumer = (consumerLogger = logger) =>
    startServiceConsumer(caseIntakeConsumer, { mediators }, { ...connections, logger: consumerLogger });
  let consumer: RunningConsumer | null = null;
  let jobs: IntervalJob[] = [];

  return {
    app,
    relay,
    cases,
    audit,
    mediators,
    startConsumer,
    start: async () => {
      relay.start();
      consumer = await startConsumer();
      const runner = caseRunner(cases, relay);
      jobs = [
        startFollowUpSweep(
          { cases, runner, clock, newId: newEventId, logger },
          settings.FOLLOW_UP_SWEEP_INTERVAL_MS,
        ),
        startRetentionSweep(
          { cases, runner, clock, newId: newEventId, logger, retentionDays: settings.RETENTION_DAYS },
          settings.RETENTION_SWEEP_INTERVAL_MS,
        ),
      ];
    },
    stop: async () => {
      await app.close();
      await consumer?.stop();
      await Promise.all(jobs.map((job) => job.stop()));
      await relay.stop();
    },
  };
}

// Growth (issue 21): each operation's latency at 1 000, 10 000 and 100 000 existing cases. For each
// size the services are built in this process by their own buildService (case-intake,
// notifications) or store modules (regional-monitoring) over databases of their own
// (`bench-growth-<run>-<size>-<service>`), the cases are seeded in batches with the services' own
// domain and store code (not over HTTP), then every operation runs one at a time and each is timed:
// - registration, read by id, the filtered list page: case-intake's routes (`app.inject`: the whole
//   route, hooks, token check, validation and encryption included, without a socket);
// - the duplicate check: the store's `duplicateCandidates` for two names, one of them a seeded case's;
// - the follow-up sweep (case-intake) and the escalation sweep (notifications): one pass each, in
//   the steady state where every case due was already handled (what a pass costs on a big store);
// - the case-event consumer of regional-monitoring: its handler for `case.registered` (signal,
//   profile, the region's risk recomputed and committed), on events spread over the regions.
// The relays, consumers and interval jobs are not started: nothing else runs while an operation is
// timed. The databases are dropped after each size.
import { performance } from 'node:perf_hooks';
import { caseIntakeConfigSchema } from '@kelisim/case-intake/src/config.ts';
import type { CaseState } from '@kelisim/case-intake/src/domain/case-types.ts';
import { windowStart } from '@kelisim/case-intake/src/domain/duplicates.ts';
import { registerCase } from '@kelisim/case-intake/src/domain/register-case.ts';
import { sweepFollowUpsDue } from '@kelisim/case-intake/src/jobs/follow-up-due-sweep.ts';
import { buildService as buildCaseIntake } from '@kelisim/case-intake/src/service.ts';
import { caseRunner } from '@kelisim/case-intake/src/store/case-command-runner.ts';
import type { StoredCase } from '@kelisim/case-intake/src/store/case-store.ts';
import { dayOf } from '@kelisim/contracts/calendar';
import { newEventId } from '@kelisim/contracts/envelope';
import { raiseAlert } from '@kelisim/notifications/src/domain/alert.ts';
import type { Group } from '@kelisim/notifications/src/domain/groups.ts';
import { regionGroupId, republicanGroupId } from '@kelisim/notifications/src/domain/groups.ts';
import { defaultAckDeadlines } from '@kelisim/notifications/src/domain/severity.ts';
import { buildService as buildNotifications } from '@kelisim/notifications/src/service.ts';
import type { StoredAlert } from '@kelisim/notifications/src/store/alerts-store.ts';
import { caseEvent } from '@kelisim/regional-monitoring/src/events/case-events.test-support.ts';
import { regionalMonitoringConsumer } from '@kelisim/regional-monitoring/src/events/consumer.ts';
import type { HandlerDeps } from '@kelisim/regional-monitoring/src/events/handler-deps.ts';
import { createStores, prepareStores } from '@kelisim/regional-monitoring/src/store/stores.ts';
import type { Commit } from '@kelisim/service-kit/commit-log';
import { httpGuardsFromConfig } from '@kelisim/service-kit/config';
import { FieldCipher, generateKeyRing } from '@kelisim/service-kit/field-crypto';
import type { Logger } from '@kelisim/service-kit/log';
import { connectMongo, nativeCollection } from '@kelisim/service-kit/mongo';
import { connectServiceInfrastructure } from '@kelisim/service-kit/service-runtime';
import { createTestAuth } from '@kelisim/service-kit/testing/tokens';
import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { benchDistrict, benchRegion, caseBodies, uniqueWords } from './case-bodies.ts';
import { type GrowthOp, type OpSamples, sizeLabel } from './growth-report.ts';
import { type Explained, QueryTallies, type QueryTally } from './query-tally.ts';
import { type MemoryPeak, type StorePids, sampleStoreMemory } from './store-memory.ts';

export type GrowthOptions = {
  sizes: readonly number[];
  /** Timed runs of each operation (fewer where they would take longer than the budget). */
  samples: number;
  /** An operation stops early after this long (at least five timed runs). */
  budgetSeconds: number;
  mongoUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  runId: string;
  logger: Logger;
  storePids: StorePids;
  print: (text: string) => void;
};

export type SizeRun = {
  size: number;
  seedSeconds: number;
  measureSeconds: number;
  storeMemoryPeak: MemoryPeak | null;
  failures: Partial<Record<GrowthOp, number>>;
};

/** Where one operation's database time went at one size, and (at the largest) how the costliest query ran. */
export type OpQueries = { op: GrowthOp; size: number; top: QueryTally[]; explained: Explained | null };

export type GrowthResult = { measured: OpSamples[]; sizes: SizeRun[]; queries: OpQueries[] };

const dayMs = 86_400_000;
/** Ten years of cases at 100 000 cases: the rate the seeded registrations arrived at. */
const casesPerDay = 100_000 / 3_650;
const seedBatch = 1_000;
/** Two autovacuum passes of the development cluster, after seeding and before timing. */
const statisticsSettleMs = 12_000;
/** Regions the seeded case signals and the consumer's events are spread over. */
const regions = [
  '710000000',
  '750000000',
  '790000000',
  '110000000',
  '150000000',
  '190000000',
  '230000000',
  '270000000',
  '310000000',
  '350000000',
  '390000000',
  '430000000',
  '470000000',
  '550000000',
  '590000000',
  '610000000',
  '630000000',
];
const districtOf = (region: string) => `${region.slice(0, 2)}1310000`;

export function databaseNames(runId: string, size: number) {
  const prefix = `bench-growth-${runId}-${sizeLabel(size)}`;
  return {
    caseIntake: `${prefix}-case-intake`,
    notifications: `${prefix}-notifications`,
    regionalMonitoring: `${prefix}-regional-monitoring`,
  };
}

/** The `i`th of `n` seeded cases arrived this long before `now`, the newest a minute ago. */
function seededAt(i: number, n: number, now: Date): Date {
  return new Date(now.getTime() - ((n - i) / casesPerDay) * dayMs - 60_000);
}

/** Where the `i`th seeded case stands: most closed, a twentieth in each other state. */
function seededStatus(i: number, at: Date, now: Date): Partial<CaseState> {
  const mediator = { mediatorId: `seed-med-${i % 50}`, mediatorUserId: `seed-mediator-${i % 50}` };
  const later = (days: number) => dayOf(new Date(Math.min(now.getTime(), at.getTime() + days * dayMs)));
  switch (i % 20) {
    case 12:
      return { status: 'declined', closureReason: 'out_of_scope' };
    case 13:
      return { status: 'withdrawn' };
    case 14:
      return { status: 'registered' };
    case 15:
      return { status: 'assigned', ...mediator };
    case 16:
      return { status: 'in_mediation', ...mediator };
    case 17:
      // Its follow-up date still ahead.
      return {
        status: 'outcome',
        ...mediator,
        followUpDue: dayOf(new Date(now.getTime() + ((i % 30) + 1) * dayMs)),
      };
    case 18:
      // Due and already flagged by an earlier pass.
      return { status: 'outcome', ...mediator, followUpDue: later(30), followUpDueNotified: true };
    case 19:
      return { status: 'follow_up', ...mediator };
    default:
      return { status: 'closed', ...mediator, closedOn: later(40) };
  }
}

type Timed = { samples: number[]; failures: number };

/** Timed runs of an operation however long it takes: the sweeps' passes may take seconds each. */
const minRuns = 3;

/** Runs `op` `warmUp` times untimed, then up to `count` times timed (within `budgetMs`, at least `minRuns`). */
async function time(
  op: () => Promise<boolean>,
  count: number,
  budgetMs: number,
  warmUp: number,
  warmedUp: () => void,
): Promise<Timed> {
  for (let i = 0; i < warmUp; i++) await op();
  warmedUp();
  const samples: number[] = [];
  let failures = 0;
  const deadline = performance.now() + budgetMs;
  while (samples.length < count && (samples.length < minRuns || performance.now() < deadline)) {
    const started = performance.now();
    const ok = await op();
    samples.push(performance.now() - started);
    if (!ok) failures += 1;
  }
  return { samples, failures };
}

async function dropDatabases(mongoUrl: string, names: readonly string[]): Promise<void> {
  const client = await MongoClient.connect(mongoUrl);
  try {
    for (const name of names) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

export async function measureGrowth(options: GrowthOptions): Promise<GrowthResult> {
  const measured: OpSamples[] = [];
  const queries: OpQueries[] = [];
  const sizes: SizeRun[] = [];
  const largest = Math.max(...options.sizes);
  for (const size of options.sizes) {
    const names = databaseNames(options.runId, size);
    await dropDatabases(options.mongoUrl, Object.values(names));
    const memory = sampleStoreMemory(options.storePids, 500);
    try {
      const run = await measureSize(size, names, options, { measured, queries, explain: size === largest });
      sizes.push({ ...run, storeMemoryPeak: await memory.stop() });
    } finally {
      await memory.stop();
      await dropDatabases(options.mongoUrl, Object.values(names)).catch((error: unknown) =>
        options.print(`[bench] growth: could not drop ${Object.values(names).join(', ')}: ${String(error)}`),
      );
    }
  }
  return { measured, sizes, queries };
}

async function measureSize(
  size: number,
  names: ReturnType<typeof databaseNames>,
  options: GrowthOptions,
  into: { measured: OpSamples[]; queries: OpQueries[]; explain: boolean },
): Promise<Omit<SizeRun, 'storeMemoryPeak'>> {
  const { measured } = into;
  const { logger, print } = options;
  const label = sizeLabel(size);
  const infraOf = (service: string, dbName: string) =>
    connectServiceInfrastructure(
      {
        SERVICE_NAME: service,
        MONGO_URL: options.mongoUrl,
        MONGO_DB: dbName,
        KAFKA_BROKERS: options.kafkaBrokers,
        TOPIC_PREFIX: `${options.topicPrefix}${label}.`,
        TOPIC_PARTITIONS: 1,
        // Command monitoring on (for the query tallies); no command is ever that slow.
        SLOW_COMMAND_MS: 3_600_000,
      },
      logger,
    );
  const cipher = new FieldCipher(generateKeyRing());
  const auth = await createTestAuth();
  const httpGuards = httpGuardsFromConfig({
    RATE_LIMIT_PER_ADDRESS: 10_000_000,
    RATE_LIMIT_PER_TOKEN: 10_000_000,
  });
  const intakeInfra = await infraOf('case-intake', names.caseIntake);
  const notificationsInfra = await infraOf('notifications', names.notifications);
  const monitoringConnection = await connectMongo({
    url: options.mongoUrl,
    dbName: names.regionalMonitoring,
    monitorCommands: true,
  });
  const tallies = new QueryTallies();
  for (const connection of [intakeInfra.connection, notificationsInfra.connection, monitoringConnection])
    tallies.watch(connection.getClient());
  const closers: (() => Promise<unknown>)[] = [
    () => intakeInfra.close(),
    () => notificationsInfra.close(),
    () => monitoringConnection.close(),
  ];
  try {
    const configDefault = (
      name: 'FOLLOW_UP_SWEEP_INTERVAL_MS' | 'RETENTION_SWEEP_INTERVAL_MS' | 'RETENTION_DAYS',
    ) => caseIntakeConfigSchema.shape[name].parse(undefined);
    const intake = await buildCaseIntake({
      settings: {
        FOLLOW_UP_SWEEP_INTERVAL_MS: configDefault('FOLLOW_UP_SWEEP_INTERVAL_MS'),
        RETENTION_SWEEP_INTERVAL_MS: configDefault('RETENTION_SWEEP_INTERVAL_MS'),
        RETENTION_DAYS: configDefault('RETENTION_DAYS'),
      },
      connections: intakeInfra,
      logger,
      auth: auth.verifier,
      httpGuards,
      cipher,
    });
    closers.unshift(() => intake.app.close());
    const notifications = await buildNotifications({
      settings: {
        ACK_DEADLINES: defaultAckDeadlines,
        ESCALATION_SWEEP_INTERVAL_MS: 3_600_000,
        DELIVERY_RETRY_INTERVAL_MS: 3_600_000,
        DELIVERY_RETRY_BASE_MS: 10_000,
        DELIVERY_MAX_ATTEMPTS: 8,
        WEBHOOK_TIMEOUT_MS: 5_000,
        SMTP_URL: undefined,
        SMTP_FROM: 'Kelisim <alerts@kelisim.test>',
        CONSOLE_URL: 'http://127.0.0.1:4100',
      },
      connections: notificationsInfra,
      logger,
      auth: auth.verifier,
      cipher,
    });
    closers.unshift(() => notifications.app.close());
    const stores = createStores(monitoringConnection);
    await prepareStores(stores, new Date());
    await intake.app.ready();

    // Seeding.
    const seedStarted = performance.now();
    const now = new Date();
    const probes = await seed(size, now, {
      intake,
      notifications,
      stores,
      cipher,
      label,
      intakeConnection: intakeInfra.connection,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1_000;
    print(
      `[bench] growth ${label}: seeded ${size} cases (and their alerts and signals) in ${seedSeconds.toFixed(0)} s`,
    );

    // A running store's planner statistics follow its data; a store filled in seconds gets them
    // from the next autovacuum pass (every 5 s on the development cluster, infra/local), and the
    // embedded store's sorted pages rely on them (docs/adr/0012).
    await new Promise((resolve) => setTimeout(resolve, statisticsSettleMs));

    // Measuring.
    const measureStarted = performance.now();
    const failures: Partial<Record<GrowthOp, number>> = {};
    const budgetMs = options.budgetSeconds * 1_000;
    // The sweeps get as many runs as the requests: a p99 of 40 runs is their second-slowest. The
    // budget still bounds a sweep that takes seconds.
    const requestWarmUp = 3;
    const sweepWarmUp = 1;
    const record = async (op: GrowthOp, run: () => Promise<boolean>, warmUp: number) => {
      // The tallies count the timed runs only.
      const timed = await time(run, options.samples, budgetMs, warmUp, () => tallies.take());
      measured.push({ op, size, samples: timed.samples });
      const top = tallies.take();
      const explained = into.explain
        ? await tallies
            .explainCostliest(top, (name) => intakeInfra.connection.getClient().db(name))
            .catch((error: unknown) => ({
              shape: top[0]?.shape ?? '',
              plan: `explain failed: ${String(error)}`,
            }))
        : null;
      into.queries.push({ op, size, top: top.slice(0, 5), explained });
      if (timed.failures > 0) failures[op] = timed.failures;
      const sorted = [...timed.samples].sort((a, b) => a - b);
      print(
        `[bench] growth ${label}: ${op}: ${timed.samples.length} runs, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms${timed.failures ? `, ${timed.failures} failed` : ''}`,
      );
    };
    const coordinator = await auth.mint({
      sub: 'bench-coordinator',
      roles: ['coordinator'],
      regions: [benchRegion],
      expiresIn: '2h',
    });
    const mediator = await auth.mint({
      sub: 'bench-mediator',
      roles: ['mediator'],
      regions: [benchRegion],
      expiresIn: '2h',
    });
    const inject = async (request: {
      method: 'GET' | 'POST';
      url: string;
      token: string;
      body?: unknown;
    }) => {
      const response = await intake.app.inject({
        method: request.method,
        url: request.url,
        headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
        ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
      });
      if (response.statusCode >= 300) {
        logger.warn(
          { status: response.statusCode, url: request.url, body: response.body.slice(0, 300) },
          'growth: request failed',
        );
        return false;
      }
      return true;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;

    await record(
      'read-by-id',
      () => inject({ method: 'GET', url: `/cases/${pick(probes.caseIds)}`, token: coordinator }),
      requestWarmUp,
    );
    await record(
      'list-page',
      () =>
        inject({
          method: 'GET',
          url: `/cases?region=${benchRegion}&status=registered&limit=20`,
          token: coordinator,
        }),
      requestWarmUp,
    );
    let probeCount = 0;
    await record(
      'duplicate-check',
      async () => {
        const probe = pick(probes.names);
        const hashes = [
          cipher.nameHash(probe),
          cipher.nameHash(`Bench new party ${uniqueWords(probeCount++)}`),
        ];
        const { candidates } = await intake.cases.duplicateCandidates(
          newEventId(),
          benchDistrict,
          hashes,
          windowStart(new Date()),
        );
        return candidates.length > 0;
      },
      requestWarmUp,
    );
    const runner = caseRunner(intake.cases, intake.relay);
    const sweepLogger = logger;
    await record(
      'follow-up-sweep',
      async () => {
        await sweepFollowUpsDue({
          cases: intake.cases,
          runner,
          clock: () => new Date(),
          newId: newEventId,
          logger: sweepLogger,
        });
        return true;
      },
      sweepWarmUp,
    );
    await record(
      'escalation-sweep',
      async () => {
        await notifications.sweepEscalations();
        return true;
      },
      sweepWarmUp,
    );
    const body = caseBodies();
    await record(
      'registration',
      () => inject({ method: 'POST', url: '/cases', token: mediator, body: body() }),
      requestWarmUp,
    );
    const deps: HandlerDeps = { stores, clock: () => new Date(), windowDays: 30, wakeRelay: () => {} };
    const onRegistered = regionalMonitoringConsumer.handlers['case.registered.v1'];
    if (!onRegistered) throw new Error('regional-monitoring no longer consumes case.registered.v1');
    await record(
      'case-event-consumer',
      async () => {
        const event = caseEvent('case.registered.v1', newEventId(), districtOf(pick(regions)));
        await (onRegistered(deps) as (e: typeof event) => Promise<void>)(event);
        return true;
      },
      requestWarmUp,
    );
    return { size, seedSeconds, measureSeconds: (performance.now() - measureStarted) / 1_000, failures };
  } finally {
    for (const close of closers) await close().catch(() => {});
  }
}

type SeedTargets = {
  intake: Awaited<ReturnType<typeof buildCaseIntake>>;
  notifications: Awaited<ReturnType<typeof buildNotifications>>;
  stores: ReturnType<typeof createStores>;
  cipher: FieldCipher;
  label: string;
  intakeConnection: Connection;
};

/** What the timed operations pick from: seeded case ids, and party names of the duplicate window. */
type Probes = { caseIds: string[]; names: string[] };

const regionalGroup: Group = {
  id: regionGroupId(benchRegion),
  level: 'regional',
  region: benchRegion,
  district: null,
  parentId: republicanGroupId,
  names: { kk: 'Bench', ru: 'Bench' },
  members: [],
};

/**
 * `n` cases, one commit and one read-model document each, their party names' lookup entries, and
 * what they caused downstream: one alert each in notifications (its read model only: no measured
 * operation reads an alert's commits but by `_id`; all acknowledged or resolved but the newest few,
 * which are not due yet) and one signal and profile each in regional-monitoring. Batches of a
 * thousand, the three services' collections side by side.
 */
async function seed(n: number, now: Date, targets: SeedTargets): Promise<Probes> {
  const { intake, notifications, stores, cipher, label } = targets;
  const description = cipher.encrypt(
    'A dispute over a shared yard between two families, reported by a neighbour.',
  );
  const contacts = cipher.encrypt('+7 701 000 00 01');
  const probes: Probes = { caseIds: [], names: [] };
  // The party-name lookup's entries as PartyNameIndex.add writes them for a name first seen (each
  // seeded name is unique: the first slot of its chain), inserted in batches: through `add` they
  // go a hundred per insert. `seed` checks below that the store's own lookup finds them.
  const partyNameEntries = nativeCollection<{ _id: string }>(targets.intakeConnection, 'case_party_names');
  const partyNameEntriesOf = (entry: { caseId: string; hashes: string[]; at: string }) =>
    entry.hashes.map((nameHash) => ({
      _id: `${benchDistrict}:${nameHash}:1`,
      caseId: entry.caseId,
      district: benchDistrict,
      nameHash,
      registeredAt: entry.at,
    }));
  const duplicateWindow = windowStart(now);
  // CaseSignalStore writes one signal per event and upserts one profile per case: its collections.
  const signals = {
    signals: nativeCollection<Record<string, unknown>>(stores.connection, 'case_signals'),
    profiles: nativeCollection<Record<string, unknown>>(stores.connection, 'case_profiles'),
  };
  const inFlight: Promise<unknown>[] = [];
  for (let start = 0; start < n; start += seedBatch) {
    const commits: Commit<CaseState>[] = [];
    const current: StoredCase[] = [];
    const names: { caseId: string; hashes: string[]; at: string }[] = [];
    const alerts: StoredAlert[] = [];
    const signalDocs: Record<string, unknown>[] = [];
    const profileDocs: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(n, start + seedBatch); i++) {
      const at = seededAt(i, n, now);
      const caseId = newEventId();
      const actor = `seed-mediator-${i % 50}`;
      const ctx = { now: at, actor, newId: newEventId, correlationId: newEventId() };
      const partyNames = [`Seed claimant ${uniqueWords(i)}`, `Seed respondent ${uniqueWords(i)}`];
      const decision = registerCase(
        {
          caseId,
          caseNumber: `EM-SEED-${label}-${i}`,
          region: benchRegion,
          district: benchDistrict,
          locality: null,
          category: 'neighbourhood',
          urgency: 'high',
          riskFlags: [],
          description,
          parties: partyNames.map((name, p) => ({
            partyId: newEventId(),
            kind: 'individual' as const,
            role: p === 0 ? ('claimant' as const) : ('respondent' as const),
            language: 'kk' as const,
            userId: null,
            name: cipher.encrypt(name),
            nameHash: cipher.nameHash(name),
            contacts: p === 0 ? contacts : null,
          })),
          duplicates: [],
        },
        ctx,
      );
      const state: CaseState = { ...decision.state, ...seededStatus(i, at, now) };
      commits.push({
        _id: `${caseId}:1`,
        streamId: caseId,
        version: 1,
        events: decision.events,
        state,
        committedAt: at,
      });
      current.push({ ...state, _id: caseId, version: 1 });
      names.push({ caseId, hashes: state.partyNameHashes, at: state.registeredAt });
      if (i % 97 === 0) probes.caseIds.push(caseId);
      if (state.registeredAt >= duplicateWindow && i % 7 === 0) probes.names.push(partyNames[0] as string);

      const raised = raiseAlert(
        {
          group: regionalGroup,
          severity: 'high',
          region: benchRegion,
          district: benchDistrict,
          source: {
            eventId: decision.events[0]?.id ?? newEventId(),
            type: 'case.registered.v1',
            subject: caseId,
          },
          details: { category: 'neighbourhood' },
        },
        defaultAckDeadlines,
        ctx,
      );
      const handled: Partial<StoredAlert> =
        i >= n - 20
          ? { acknowledgeBy: new Date(now.getTime() + dayMs) }
          : i % 20 === 0
            ? { status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: actor }
            : { status: 'resolved', resolvedAt: at, resolvedBy: actor, resolution: 'source_closed' };
      const alert = { ...raised.state, ...handled, _id: raised.state.alertId, version: 1 } as StoredAlert;
      alerts.push(alert);

      const region = regions[i % regions.length] as string;
      signalDocs.push({
        _id: newEventId(),
        caseId,
        region,
        district: districtOf(region),
        kind: 'registered',
        urgency: 'high',
        at,
        // The store's window key (CaseSignalStore): a window reads its region's months only.
        month: at.toISOString().slice(0, 7),
      });
      profileDocs.push({
        _id: caseId,
        region,
        district: districtOf(region),
        category: 'neighbourhood',
        urgency: 'high',
        status: state.status,
        updatedAt: at,
      });
    }
    const steps: Record<string, () => Promise<unknown>> = {
      caseCommits: () => intake.cases.log.commits.insertMany(commits, { ordered: false }),
      cases: () => intake.cases.cases.insertMany(current, { ordered: false }),
      partyNames: () => partyNameEntries.insertMany(names.flatMap(partyNameEntriesOf), { ordered: false }),
      alerts: () => notifications.stores.alerts.alerts.insertMany(alerts, { ordered: false }),
      signals: () => signals.signals.insertMany(signalDocs),
      profiles: () => signals.profiles.insertMany(profileDocs),
    };
    // The next batch is built while this one is written; at most two are written at once.
    inFlight.push(Promise.all(Object.values(steps).map((step) => step())));
    if (inFlight.length >= 2) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const probe = probes.names[0];
  if (probe) {
    const hash = cipher.nameHash(probe);
    const found = await intake.cases.partyNames.casesNaming(benchDistrict, [hash], duplicateWindow);
    if ((found.get(hash)?.caseIds.size ?? 0) === 0)
      throw new Error('the seeded party-name entries are not where PartyNameIndex looks: update the seeding');
  }
  return probes;
}

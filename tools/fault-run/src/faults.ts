// The faults and when they strike. One round holds one fault of each kind: kill -9 of each service
// in turn, a restart of the broker, a restart of FerretDB, a consumer paused for 20 s (SIGSTOP,
// SIGCONT) and SIGTERM of a service under load. A run of K timings plays K rounds, interleaved
// along the stream of writes, each fault a few hundred milliseconds further into its batch than
// the same kind in the round before, so that they land at different points of the flow.
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceName, serviceNames } from '@kelisim/launcher/service-process';
import type { InfraPart, OwnInfra } from './own-infra.ts';
import type { ServiceProcesses } from './service-processes.ts';

export type Fault =
  /** `stayDown`: not started again (the scale run: its partitions move to the other instances). */
  | { kind: 'kill'; service: ServiceName; stayDown?: boolean }
  | { kind: 'restart'; part: InfraPart }
  | { kind: 'pause'; service: ServiceName; seconds: number }
  | { kind: 'sigterm'; service: ServiceName };

export type ScheduledFault = { fault: Fault; round: number; atEvents: number; delayMs: number };

export type FaultRecord = {
  name: string;
  round: number;
  atEvents: number;
  startedAt: string;
  durationMs: number;
  /** For a kill or SIGTERM: where in its consumer's flow it struck (mid-batch or between batches). */
  landed?: string;
};

/** How far into its batch each round's faults strike, after the write count is reached. */
export const roundDelaysMs = [0, 150, 400, 900, 1_700];

export function faultName(fault: Fault): string {
  switch (fault.kind) {
    case 'kill':
      return `kill -9 ${fault.service}`;
    case 'restart':
      return `restart ${fault.part}`;
    case 'pause':
      return `SIGSTOP ${fault.service} ${fault.seconds}s`;
    case 'sigterm':
      return `SIGTERM ${fault.service}`;
  }
}

/** One round: every kind once; the paused consumer and the terminated service rotate per round. */
export function roundOf(round: number, pauseSeconds = 20): Fault[] {
  const consumers: ServiceName[] = [
    'notifications',
    'regional-monitoring',
    'case-intake',
    'mediator-training',
  ];
  return [
    ...serviceNames.map((service): Fault => ({ kind: 'kill', service })),
    { kind: 'restart', part: 'kafka' },
    { kind: 'pause', service: consumers[round % consumers.length] as ServiceName, seconds: pauseSeconds },
    { kind: 'restart', part: 'ferretdb' },
    { kind: 'sigterm', service: serviceNames[round % serviceNames.length] as ServiceName },
  ];
}

/** Every round's faults, spread evenly over the events so that writes flow before and after each. */
export function schedule(events: number, rounds: number, pauseSeconds = 20): ScheduledFault[] {
  const faults = Array.from({ length: rounds }, (_, round) =>
    roundOf(round, pauseSeconds).map((fault) => ({ fault, round })),
  ).flat();
  const gap = events / (faults.length + 1);
  return faults.map(({ fault, round }, index) => ({
    fault,
    round,
    atEvents: Math.round(gap * (index + 1)),
    delayMs: roundDelaysMs[round % roundDelaysMs.length] as number,
  }));
}

/** Where a service's consumer stands: messages not yet committed past, and two running totals. */
export type ConsumerFlow = { lag: number; committed: number; processed: number };

export class FaultInjector {
  /**
   * `flowOf` reads a service's consumer from outside: its group's lag and the sum of its committed
   * offsets (from the broker), and how many events it has recorded as processed (from its
   * database). Processed records that grew more than the committed offsets prove work that a
   * restarted consumer must be redelivered.
   */
  constructor(
    private readonly infra: OwnInfra,
    private readonly services: ServiceProcesses,
    private readonly flowOf: (service: ServiceName) => Promise<ConsumerFlow>,
  ) {}

  /**
   * Leaves the service paused (SIGSTOP) in the middle of a batch: events processed, their offsets
   * not committed. A consumer that keeps up has nothing in flight most of the time, so a kill at
   * a moment chosen by a clock lands between batches and proves nothing; on a fast machine even
   * a backlog made by a pause was worked through within the 50 ms the kill used to wait (CI saw
   * eight faults and no redelivery). So the backlog is made by a pause, and then the process is
   * let run in slices of a few milliseconds, paused after each, until the books show the state
   * wanted. Where they never do (a consumer with little to read), the kill lands where it lands.
   */
  private async pausedMidBatch(service: ServiceName): Promise<string> {
    await this.services.signal(service, 'SIGSTOP');
    const before = await this.flowAtLeast(service, 30, 10_000);
    if (!before) return 'paused, its consumer unread';
    const until = Date.now() + 10_000;
    let slices = 0;
    while (Date.now() < until) {
      await this.services.signal(service, 'SIGCONT');
      await sleep(slices < 20 ? 2 : 5);
      await this.services.signal(service, 'SIGSTOP');
      slices += 1;
      let now = await this.flowOf(service).catch(() => undefined);
      if (!now) continue;
      if (now.processed - before.processed > now.committed - before.committed) {
        // A commit the consumer sent just before the pause still lands at the broker: read again
        // a moment later, and strike only if the work is still uncommitted.
        await sleep(100);
        now = (await this.flowOf(service).catch(() => undefined)) ?? now;
      }
      const processed = now.processed - before.processed;
      const committed = now.committed - before.committed;
      if (processed > committed || now.lag === 0)
        return `${processed > committed ? 'mid-batch' : 'between batches'} after ${slices} slices: ${before.lag} waiting, ${processed} processed, ${committed} committed`;
    }
    return `still behind after ${slices} slices`;
  }

  /** The flow once the paused service's group has `count` messages waiting (or the time is up). */
  private async flowAtLeast(
    service: ServiceName,
    count: number,
    withinMs: number,
  ): Promise<ConsumerFlow | undefined> {
    const until = Date.now() + withinMs;
    let flow: ConsumerFlow | undefined;
    while (Date.now() < until) {
      flow = (await this.flowOf(service).catch(() => undefined)) ?? flow;
      if (flow && flow.lag >= count) return flow;
      await sleep(100);
    }
    return flow;
  }

  /**
   * Injects the fault and returns once the platform is whole again, with where in its consumer's
   * flow a kill or SIGTERM struck.
   */
  async inject(fault: Fault): Promise<string | undefined> {
    switch (fault.kind) {
      case 'kill': {
        const landed = await this.pausedMidBatch(fault.service);
        await this.services.signal(fault.service, 'SIGKILL');
        if (fault.stayDown) return landed;
        await sleep(1_000);
        await this.services.start(fault.service);
        return landed;
      }
      case 'sigterm': {
        const landed = await this.pausedMidBatch(fault.service);
        await this.services.signal(fault.service, 'SIGTERM');
        await this.services.start(fault.service);
        return landed;
      }
      case 'pause':
        await this.services.signal(fault.service, 'SIGSTOP');
        try {
          await sleep(fault.seconds * 1_000);
        } finally {
          await this.services.signal(fault.service, 'SIGCONT');
        }
        return;
      case 'restart':
        await this.infra.restart(fault.part);
        return;
    }
  }
}

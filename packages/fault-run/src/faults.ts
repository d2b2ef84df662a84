// The faults and when they strike. One round holds one fault of each kind: kill -9 of each service
// in turn, a restart of the broker, a restart of FerretDB, a consumer paused for 20 s (SIGSTOP,
// SIGCONT) and SIGTERM of a service under load. A run of K timings plays K rounds, interleaved
// along the stream of writes, each fault a few hundred milliseconds further into its batch than
// the same kind in the round before, so that they land at different points of the flow.
import { setTimeout as sleep } from 'node:timers/promises';
import type { InfraPart, OwnInfra } from './own-infra.ts';
import { type ServiceName, type ServiceProcesses, serviceNames } from './service-processes.ts';

export type Fault =
  | { kind: 'kill'; service: ServiceName }
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

export class FaultInjector {
  /**
   * `backlogOf` answers how many messages a service's consumer group has yet to commit past: a
   * kill waits (a little) for some, so that it lands while a batch is being processed, not
   * between batches, and the restarted consumer must be redelivered what was done but not
   * committed.
   */
  constructor(
    private readonly infra: OwnInfra,
    private readonly services: ServiceProcesses,
    private readonly backlogOf: (service: ServiceName) => Promise<number> = async () => 1,
  ) {}

  /**
   * Returns while the service's consumer is working through messages it has not committed. A
   * consumer that keeps up has nothing in flight most of the time, and a kill then lands between
   * batches and proves nothing. So a backlog is made: the process is paused (SIGSTOP) until
   * enough messages wait that working through them takes longer than the kill's delay, and the
   * kill comes a moment after SIGCONT. (Waiting for a backlog to show by itself stopped working
   * once the store got fast: the batches were done within the 200 ms the kill used to wait.)
   */
  private async midBatch(service: ServiceName): Promise<void> {
    await this.services.signal(service, 'SIGSTOP');
    try {
      await this.backlogAtLeast(service, 30, 10_000);
    } finally {
      await this.services.signal(service, 'SIGCONT');
    }
    await sleep(50);
  }

  private async backlogAtLeast(service: ServiceName, count: number, withinMs: number): Promise<boolean> {
    const until = Date.now() + withinMs;
    while (Date.now() < until) {
      if ((await this.backlogOf(service).catch(() => 0)) >= count) return true;
      await sleep(100);
    }
    return false;
  }

  /** Injects the fault and returns once the platform is whole again. */
  async inject(fault: Fault): Promise<void> {
    switch (fault.kind) {
      case 'kill':
        await this.midBatch(fault.service);
        await this.services.signal(fault.service, 'SIGKILL');
        await sleep(1_000);
        await this.services.start(fault.service);
        return;
      case 'sigterm':
        await this.midBatch(fault.service);
        await this.services.signal(fault.service, 'SIGTERM');
        await this.services.start(fault.service);
        return;
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

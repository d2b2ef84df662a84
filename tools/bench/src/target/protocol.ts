// The messages between the runner and the services' process (a forked child, so that the load
// generator never shares an event loop or a core's time slice with the code it measures).

export type TargetReady = {
  type: 'ready';
  /** case-intake's app, built by its own buildService with real dependencies. */
  fullUrl: string;
  /** The bare baseline routes. */
  bareUrl: string;
  /** A mediator's token for the region the bench registers in. */
  token: string;
  sub: string;
};

export type TargetRequest =
  | { type: 'drain'; id: number }
  | { type: 'case-ids'; id: number; limit: number }
  | { type: 'clone-cases'; id: number; count: number }
  | { type: 'usage'; id: number }
  | { type: 'stop'; id: number };

export type TargetReply = { type: 'reply'; id: number; value: unknown };

export type TargetMessage = TargetReady | TargetReply;

/**
 * What `usage` answers: the process's CPU time so far (less the collections `usage` forced), its
 * memory now (the heap after a forced GC), the highest RSS sampled since the last `usage`, and
 * the events its relay published.
 */
export type TargetUsage = {
  cpuUserMs: number;
  cpuSystemMs: number;
  rssMb: number;
  heapUsedMb: number;
  peakRssMb: number;
  events: number;
};

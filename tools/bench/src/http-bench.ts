// HTTP runs with autocannon: a max-rate run (fixed connections, as fast as the route answers)
// for throughput, then a fixed-rate run for latency. At a fixed offered rate autocannon corrects
// for coordinated omission: a request that could not be sent on time counts from when it should
// have been, so a stalled server cannot hide its stall by slowing the client down.
import autocannon from 'autocannon';
import type { Run } from './report.ts';

export type HttpTarget = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh path for each request (e.g. a random case id). */
  path?: () => string;
  /** A fresh JSON body for each request (e.g. unique party names). */
  body?: () => unknown;
};

export type LoadOptions = { durationSeconds: number; connections: number; overallRate?: number };

function requestsOf(target: HttpTarget): autocannon.Request[] {
  return [
    {
      setupRequest: (request) => ({
        ...request,
        ...(target.path ? { path: target.path() } : {}),
        ...(target.body ? { body: JSON.stringify(target.body()) } : {}),
      }),
    },
  ];
}

export async function load(target: HttpTarget, options: LoadOptions): Promise<Run> {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...target.headers },
    requests: requestsOf(target),
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
  });
  const completed = result['2xx'];
  return {
    rate: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    ...(options.overallRate === undefined ? {} : { offeredRate: options.overallRate }),
  };
}

export type PairResult = { subject: { max: Run; fixed: Run }; baseline: { max: Run; fixed: Run } };

/** Max-rate runs of the duration split into rounds of this many seconds at least, at most five. */
const minRoundSeconds = 2;

/** The rounds a max-rate run of `durationSeconds` is split into (see comparePair). */
export function roundsOf(durationSeconds: number): number {
  return Math.max(1, Math.min(5, Math.floor(durationSeconds / minRoundSeconds)));
}

/** Rounds of one max-rate run as one: the mean rate (rounds are equally long), the median latencies. */
export function combineRounds(rounds: readonly Run[]): Run {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  return {
    rate: rounds.reduce((sum, run) => sum + run.rate, 0) / rounds.length,
    p50: median(rounds.map((run) => run.p50)),
    p99: median(rounds.map((run) => run.p99)),
    failures: rounds.reduce((sum, run) => sum + run.failures, 0),
  };
}

/**
 * Subject and baseline in turn: a short warm-up of each (JIT, connection pools), their max rates,
 * then both at the same fixed rate, half the baseline's max (the operating point). The max
 * rates are measured in alternating rounds (baseline, subject, baseline, ...) that add up to the
 * duration: the machine's other load, which comes and goes within seconds on shared cores, then
 * falls on both alike instead of on whichever ran during a burst.
 * `between` runs after each write-heavy run (the relay drains before the next measurement).
 */
export async function comparePair(
  subject: HttpTarget,
  baseline: HttpTarget,
  durationSeconds: number,
  between: () => Promise<void> = async () => {},
): Promise<PairResult> {
  const connections = 10;
  const warmUp = { durationSeconds: Math.min(2, durationSeconds), connections };
  await load(baseline, warmUp);
  await load(subject, warmUp);
  await between();
  const rounds = roundsOf(durationSeconds);
  const round = { durationSeconds: durationSeconds / rounds, connections };
  const baselineRounds: Run[] = [];
  const subjectRounds: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    baselineRounds.push(await load(baseline, round));
    await between();
    subjectRounds.push(await load(subject, round));
    await between();
  }
  const baselineMax = combineRounds(baselineRounds);
  const subjectMax = combineRounds(subjectRounds);
  const overallRate = Math.max(1, Math.floor(baselineMax.rate / 2));
  const baselineFixed = await load(baseline, { durationSeconds, connections, overallRate });
  await between();
  const subjectFixed = await load(subject, { durationSeconds, connections, overallRate });
  await between();
  return {
    subject: { max: subjectMax, fixed: subjectFixed },
    baseline: { max: baselineMax, fixed: baselineFixed },
  };
}

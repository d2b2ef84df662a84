// The run's report: the JSON it writes, the summary table it prints and the verdict it exits with.
import type { Outcome } from './api.ts';
import type { Books } from './books.ts';
import type { DeadLetters, Redeliveries } from './delivery-audit.ts';
import type { BacklogSample } from './drain.ts';
import type { FaultRecord } from './faults.ts';

export type RunReport = {
  runId: string;
  /** Writes acknowledged (or seen to land). */
  writesLanded: number;
  writes: Record<Outcome, number>;
  failures: Record<string, number>;
  retriesByStatus: Record<string, number>;
  faults: FaultRecord[];
  crashes: { service: string; code: number | null; at: string }[];
  books: Books;
  redeliveries: Redeliveries;
  deadLetters: DeadLetters;
  drain: {
    drained: boolean;
    secondsAfterLastFault: number;
    secondsAfterQuiet: number;
    last: { lag: number; unpublished: number };
  };
  /** Lag and unpublished commits once a minute while the writes ran. */
  backlogTrace: BacklogSample[];
  durationSeconds: number;
  dir: string;
};

/** The drain must end within this long of the last fault (issue 10). */
export const drainBudgetSeconds = 60;

/** Why the run failed; empty when it passed. */
export function problems(report: RunReport): string[] {
  const found: string[] = [];
  const pending = report.drain.drained ? '' : ' (the backlog never drained: some may only be late)';
  if (report.books.lost > 0) found.push(`${report.books.lost} effects lost${pending}`);
  if (report.books.duplicated > 0) found.push(`${report.books.duplicated} effects duplicated`);
  if (report.books.unexpected > 0) found.push(`${report.books.unexpected} unexpected effects`);
  if (report.redeliveries.total === 0) found.push('no redelivery: the faults did not land mid-flow');
  const dlq = report.deadLetters;
  if (dlq.missing.length > 0 || dlq.unexpected.length > 0) {
    found.push(`dead letters: ${dlq.missing.length} missing, ${dlq.unexpected.length} unexpected`);
  }
  if (!report.drain.drained || report.drain.secondsAfterQuiet > drainBudgetSeconds) {
    found.push(`lag and unpublished commits did not drain within ${drainBudgetSeconds} s`);
  }
  // An outage of a dependency is answered 503 with Retry-After; a 500 is a bug.
  const serverErrors = report.retriesByStatus['500'] ?? 0;
  if (serverErrors > 0) found.push(`${serverErrors} answers 500 (an outage must be answered 503)`);
  if (report.crashes.length > 0) found.push(`${report.crashes.length} service crashes the run did not cause`);
  return found;
}

export function summaryTable(report: RunReport): string {
  const row = [
    ['events', String(report.redeliveries.distinctEvents)],
    ['writes', String(report.writesLanded)],
    ['faults', String(report.faults.length)],
    ['lost', String(report.books.lost)],
    ['duplicated', String(report.books.duplicated)],
    ['unexpected', String(report.books.unexpected)],
    ['redelivered', String(report.redeliveries.total)],
    ['dlq expected/found', `${report.deadLetters.expected}/${report.deadLetters.found}`],
    ['drain s', report.drain.drained ? report.drain.secondsAfterQuiet.toFixed(1) : 'not drained'],
  ];
  const widths = row.map(([head, value]) => Math.max(head?.length ?? 0, value?.length ?? 0));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(row.map(([head]) => head ?? '')),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    line(row.map(([, value]) => value ?? '')),
  ].join('\n');
}

export function details(report: RunReport): string {
  const checks = Object.entries(report.books.checks).map(
    ([check, t]) =>
      `  ${check.padEnd(36)} expected ${t.expected}, found ${t.found}, lost ${t.lost}, duplicated ${t.duplicated}, unexpected ${t.unexpected}`,
  );
  return [
    `writes: ${JSON.stringify(report.writes)}; retried answers by status: ${JSON.stringify(report.retriesByStatus)}`,
    `refused or unknown: ${JSON.stringify(report.failures)}`,
    `redeliveries: ${report.redeliveries.skippedByConsumers} skipped by consumers, ${report.redeliveries.republished} republished by relays (${report.redeliveries.busEvents} events on the bus)`,
    `drain: ${report.drain.secondsAfterQuiet.toFixed(1)} s after the last write, ${report.drain.secondsAfterLastFault.toFixed(1)} s after the last fault; left ${JSON.stringify(report.drain.last)}`,
    `backlog while writing: most ${Math.max(0, ...report.backlogTrace.map((b) => b.lag))} messages of lag, ${Math.max(0, ...report.backlogTrace.map((b) => b.unpublished))} unpublished (${report.backlogTrace.length} samples a minute apart)`,
    `crashes: ${report.crashes.length}`,
    'books:',
    ...checks,
    ...report.books.examples.map((e) => `  ${e}`),
    ...report.deadLetters.missing.slice(0, 10).map((k) => `  dead letter missing: ${k}`),
    ...report.deadLetters.unexpected.slice(0, 10).map((k) => `  dead letter unexpected: ${k}`),
    `faults: ${report.faults.map((f) => `${f.name} (${(f.durationMs / 1000).toFixed(1)} s)`).join('; ')}`,
    `run: ${report.durationSeconds.toFixed(0)} s`,
  ].join('\n');
}

// Where the services' database time goes (`BENCH_DB_TIME=1`): every command the driver sends,
// timed by the driver's command monitoring and summed by command and collection. Printed when
// the services' process stops, most expensive first; this is how the scans behind issue 11 were
// found (docs/adr/0004).
import { onTimedCommand } from '@kelisim/service-kit/mongo';
import type { MongoClient } from 'mongodb';

type Tally = { count: number; totalMs: number; maxMs: number };

export function tallyDatabaseTime(client: MongoClient): () => string {
  const tallies = new Map<string, Tally>();
  onTimedCommand(client, ({ command, collection }, ms) => {
    const key = `${command} ${collection}`;
    const tally = tallies.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
    tally.count += 1;
    tally.totalMs += ms;
    tally.maxMs = Math.max(tally.maxMs, ms);
    tallies.set(key, tally);
  });
  return () =>
    [...tallies]
      .sort(([, a], [, b]) => b.totalMs - a.totalMs)
      .map(
        ([key, t]) =>
          `${key.padEnd(40)} ${String(t.count).padStart(7)} × ${(t.totalMs / t.count).toFixed(1).padStart(8)} ms  max ${t.maxMs.toFixed(0).padStart(6)} ms  total ${(t.totalMs / 1_000).toFixed(1)} s`,
      )
      .join('\n');
}

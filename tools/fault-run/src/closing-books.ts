// The end of every run, whatever it did to the platform: wait for the drain (Jepsen reads the
// final state after quiescence), then the books from the services' databases, the redeliveries
// and the dead letters. The fault run and the scale runs close the same way.
import type { ServiceName } from '@kelisim/launcher/service-process';
import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import { reconcile } from './books.ts';
import { auditDeadLetters, countRedeliveries } from './delivery-audit.ts';
import { backlog, waitForDrain } from './drain.ts';
import type { Ledger } from './ledger.ts';
import { observe } from './observe.ts';
import type { Poison } from './poison.ts';
import type { RunReport } from './report.ts';

/** How long the books wait for consumers to catch up before they read the final state. */
const quiescenceSeconds = 900;

export type Closing = Pick<RunReport, 'books' | 'redeliveries' | 'deadLetters' | 'drain'>;

export type ClosingInputs = {
  kafka: Kafka;
  mongo: MongoClient;
  prefix: string;
  dbName: (service: ServiceName) => string;
  ledger: Ledger;
  poison: Poison[];
  /** Every service instance's log (the consumers count what they skipped there). */
  logFiles: string[];
  lastFaultEnd: number;
  lastWriteEnd: number;
  say: (line: string) => void;
};

export async function closeBooks(inputs: ClosingInputs): Promise<Closing> {
  const { kafka, mongo, prefix, dbName, say } = inputs;
  const since = Math.max(inputs.lastFaultEnd, inputs.lastWriteEnd);
  // The 60 s budget is judged on the measured time; the books wait however long it takes.
  const drain = await waitForDrain(
    () => backlog(kafka, mongo, prefix, dbName),
    since,
    quiescenceSeconds,
    say,
  );
  say(
    `drain: ${drain.drained ? 'done' : 'NOT done'} ${drain.seconds.toFixed(1)} s after the last write or fault`,
  );
  const { expectations, observations } = await observe(mongo, dbName, inputs.ledger);
  return {
    books: reconcile(expectations, observations),
    redeliveries: await countRedeliveries(kafka, prefix, inputs.logFiles),
    deadLetters: await auditDeadLetters(kafka, prefix, inputs.poison),
    drain: {
      drained: drain.drained,
      secondsAfterLastFault: (since + drain.seconds * 1000 - inputs.lastFaultEnd) / 1000,
      secondsAfterQuiet: drain.seconds,
      last: drain.last,
    },
  };
}

// A logger whose lines a test can read: every line the code under test writes, at the level asked
// (trace by default, so that nothing is left out of a privacy check).
import { Writable } from 'node:stream';
import type { LogLevel } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';

export type CapturedLog = { logger: Logger; text: () => string };

export function capturedLog(service: string, level: LogLevel = 'trace'): CapturedLog {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { logger: createLogger({ service, level, destination }), text: () => text };
}

// Per test file: the shared infrastructure from the global setup, plus a database name and a
// topic prefix of its own, so that files run in parallel and reruns never see old data.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided-context.ts';

export type TestInfrastructure = {
  kafkaBrokers: string[];
  mongoUrl: string;
  /** A fresh database name: `t_<label>_<random>`, within FerretDB's 63-character limit. */
  dbName: string;
  /** A fresh topic prefix: `t.<label>.<random>.` */
  topicPrefix: string;
  kind: string;
};

export function testInfrastructure(label: string): TestInfrastructure {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const unique = `${slug}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    kafkaBrokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    dbName: `t_${unique}`,
    topicPrefix: `t.${unique}.`,
    kind: inject('infrastructure'),
  };
}

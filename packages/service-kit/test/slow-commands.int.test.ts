// The slow-command log against the real MongoDB-wire server: what it names is the shape of a
// command (its collection and filter keys), so that an operator can find the scan, and never a
// value from it, because filters hold personal data (a party's name hash, an address).
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongo, logSlowCommands, nativeCollection } from '../src/mongo.ts';
import { testInfrastructure } from '../src/testing/test-infrastructure.ts';

type Logged = {
  obj: { db?: { command: string; collection: string; shape: string; ms: number } };
  msg: string;
};

async function connectLogging(thresholdMs: number): Promise<{ connection: Connection; logged: Logged[] }> {
  const infra = testInfrastructure('slow-commands');
  const connection = await connectMongo({ url: infra.mongoUrl, dbName: infra.dbName, monitorCommands: true });
  const logged: Logged[] = [];
  logSlowCommands(connection, { warn: (obj, msg) => logged.push({ obj, msg }) }, thresholdMs);
  return { connection, logged };
}

describe('the slow-command log', () => {
  let everything: { connection: Connection; logged: Logged[] };
  let onlySlow: { connection: Connection; logged: Logged[] };

  beforeAll(async () => {
    everything = await connectLogging(1);
    onlySlow = await connectLogging(60_000);
  });
  afterAll(async () => {
    await everything?.connection.dropDatabase().catch(() => {});
    await Promise.all([everything?.connection.close(), onlySlow?.connection.close()]);
  });

  it('names the command, the collection and the filter keys, never the values', async () => {
    const people = nativeCollection<{ _id: string; name: string; district: string }>(
      everything.connection,
      'people',
    );
    // A scan of a few thousand documents takes more than a millisecond on any server.
    await people.insertMany(
      Array.from({ length: 3_000 }, (_, i) => ({ _id: `p${i}`, name: `n${i}`, district: 'd' })),
    );
    everything.logged.length = 0;
    await people.find({ district: 'd', name: 'Aigerim Sadykova' }).toArray();
    await people.updateMany({ name: 'Aigerim Sadykova' }, { $set: { district: 'e' } });

    const shapes = everything.logged.map((entry) => entry.obj.db);
    expect(shapes).toContainEqual(
      expect.objectContaining({ command: 'find', collection: 'people', shape: '{district,name}' }),
    );
    expect(shapes).toContainEqual(
      expect.objectContaining({ command: 'update', collection: 'people', shape: '{name}' }),
    );
    expect(everything.logged.every((entry) => entry.msg === 'slow database command')).toBe(true);
    expect(JSON.stringify(everything.logged)).not.toContain('Aigerim');
  });

  it('stays quiet about commands under the threshold', async () => {
    const people = nativeCollection<{ _id: string }>(onlySlow.connection, 'people');
    await people.findOne({ _id: 'p1' });
    expect(onlySlow.logged).toEqual([]);
  });
});

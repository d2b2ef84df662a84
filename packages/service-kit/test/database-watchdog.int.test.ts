// The database watchdog against the real MongoDB-wire server: a client whose view of the server
// is gone (here: closed under the service, as a stuck monitor leaves it in effect) is connected
// again, and collections taken before keep working without being rebuilt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoReachable, nativeCollection, watchDatabase } from '../src/mongo.ts';
import { startTestRuntime, type TestRuntime } from '../src/testing/test-runtime.ts';
import { waitFor } from '../src/testing/wait-for.ts';

describe('the database watchdog', () => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await startTestRuntime('db-watchdog');
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('pings with a deadline the server accepts', async () => {
    expect(await mongoReachable(runtime.connection)).toBe(true);
  });

  it('connects a client that stays unreachable again, and earlier collections work on', async () => {
    const notes = nativeCollection<{ _id: string }>(runtime.connection, 'watchdog_notes');
    await notes.insertOne({ _id: 'before' });
    const warnings: string[] = [];
    const watchdog = watchDatabase(
      runtime.connection,
      { warn: (_obj, msg) => warnings.push(msg) },
      {
        stallMs: 300,
        intervalMs: 100,
      },
    );
    try {
      await runtime.connection.getClient().close(true);
      await expect(notes.insertOne({ _id: 'while-down' })).rejects.toThrow();
      await waitFor(() => expect(watchdog.reconnects()).toBeGreaterThanOrEqual(1), { timeoutMs: 10_000 });
      await waitFor(async () => expect(await mongoReachable(runtime.connection)).toBe(true));
      await notes.insertOne({ _id: 'after' });
      expect(await notes.countDocuments({})).toBe(2);
      expect(warnings).toContain('database unreachable; connecting the client again');
    } finally {
      watchdog.stop();
    }
  });
});

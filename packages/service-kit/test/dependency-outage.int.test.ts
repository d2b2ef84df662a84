// A database that goes away under a running service: requests are answered 503 with Retry-After
// (retry shortly), never 500, and the service answers again once the database is back. The
// outage is real: the service reaches the MongoDB-wire server through a TCP relay that the test
// takes down and brings back.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, type HttpApp } from '../src/http.ts';
import { createLogger } from '../src/log.ts';
import { connectMongo, nativeCollection } from '../src/mongo.ts';
import { testInfrastructure } from '../src/testing/test-infrastructure.ts';
import { createTestAuth } from '../src/testing/tokens.ts';
import { waitFor } from '../src/testing/wait-for.ts';

/** A TCP relay to the database that can be cut (every connection dropped, no new ones) and restored. */
class CuttableRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('a database outage over HTTP', () => {
  const infra = testInfrastructure('outage');
  const mongo = new URL(infra.mongoUrl);
  const relay = new CuttableRelay(
    { host: mongo.hostname, port: Number(mongo.port || 27017) },
    27100 + Math.floor(Math.random() * 800),
  );
  let connection: Connection;
  let app: HttpApp;
  let token: string;

  beforeAll(async () => {
    await relay.open();
    const viaRelay = new URL(infra.mongoUrl);
    viaRelay.port = String(relay.port);
    connection = await connectMongo({
      url: viaRelay.toString(),
      dbName: infra.dbName,
      serverSelectionTimeoutMs: 1_000,
    });
    const auth = await createTestAuth();
    token = await auth.mint({ roles: ['admin'], regions: ['KZ'] });
    app = await buildHttpApp({
      service: 'outage-test',
      logger: createLogger({ service: 'outage-test', level: 'silent' }),
      auth: auth.verifier,
      readiness: async () => ({ mongo: true }),
    });
    const things = nativeCollection<{ _id: string }>(connection, 'things');
    app.get('/things', async () => ({ count: await things.countDocuments({}) }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await relay.cut();
    await connection?.close(true).catch(() => {});
  });

  const list = () =>
    app.inject({ method: 'GET', url: '/things', headers: { authorization: `Bearer ${token}` } });

  it('is answered 503 with Retry-After while the database is away, and 200 once it is back', async () => {
    expect((await list()).statusCode).toBe(200);
    await relay.cut();
    const during = await list();
    expect(during.statusCode).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.headers['content-type']).toContain('application/problem+json');
    expect(during.json()).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    expect(during.body).not.toContain('Mongo');
    await relay.open();
    await waitFor(async () => expect((await list()).statusCode).toBe(200), { timeoutMs: 20_000 });
  });
});

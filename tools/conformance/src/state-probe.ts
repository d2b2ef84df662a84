// The state probe behind the "no state change while answering an error" check (issue 10). A
// schemathesis hook calls POST /before just before each request and POST /after just after it;
// the probe fingerprints the service's database (per collection: document count and the sum of
// `version`, which every editable record carries) and says which collections moved in between.
// The window is one request long, but the service's own consumers may write in it; when the
// consumer's processed-ids collection moved too, the answer is marked inconclusive, not changed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Db, MongoClient } from 'mongodb';

type Fingerprint = Map<string, string>;

export type ProbeVerdict = { changed: string[]; inconclusive: boolean };

export type ProbeTally = {
  /** Requests fingerprinted before and after. */
  calls: number;
  /** Error answers during which a collection moved (each one fails the check). */
  violations: Array<{ operation: string; status: number; changed: string[] }>;
  /** Error answers whose window a consumer wrote in: not judged. */
  inconclusive: number;
  /** Time spent fingerprinting, in ms. */
  probeMs: number;
};

// Written by the consumer runner (service-kit consumer.ts) for every event it handles.
const consumerMarker = 'processed_events';
// The relay's own bookkeeping (service-kit commit-log.ts, docs/adr/0004): pointers to unpublished
// commits, deleted by the relay whenever it has published, so they move outside any request.
// The interval jobs' own records, written on the jobs' schedule whatever requests run: their turns
// (service-kit job-turns.ts, docs/adr/0026) and the day a daily sweep last finished (`jobMarks`).
const jobBookkeeping = new Set(['jobTurns', 'jobMarks']);
const isBookkeeping = (name: string) => name.endsWith('_outbox') || jobBookkeeping.has(name);

async function fingerprint(db: Db): Promise<Fingerprint> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !isBookkeeping(name))
    .sort();
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, string]> => {
      const [row] = await db
        .collection(name)
        .aggregate<{ count: number; versions: number }>([
          { $group: { _id: null, count: { $sum: 1 }, versions: { $sum: '$version' } } },
        ])
        .toArray();
      return [name, `${row?.count ?? 0}:${row?.versions ?? 0}`];
    }),
  );
  return new Map(entries);
}

function differences(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

async function readJson(request: AsyncIterable<Buffer>): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

export class StateProbe {
  readonly tally: ProbeTally = { calls: 0, violations: [], inconclusive: 0, probeMs: 0 };
  private before: Fingerprint = new Map();
  private last: Fingerprint | null = null;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly server: Server,
  ) {}

  static async start(mongoUrl: string, dbName: string): Promise<StateProbe> {
    const client = await new MongoClient(mongoUrl).connect();
    const server = createServer();
    const probe = new StateProbe(client, client.db(dbName), server);
    server.on('request', (request, response) => {
      probe
        .answer(request.url ?? '', request)
        .then((body) =>
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        )
        .catch((error: Error) => response.writeHead(500).end(error.message));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return probe;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    await this.client.close();
  }

  private async timed(): Promise<Fingerprint> {
    const started = performance.now();
    try {
      return await fingerprint(this.db);
    } finally {
      this.tally.probeMs += performance.now() - started;
    }
  }

  private async answer(path: string, request: AsyncIterable<Buffer>): Promise<object> {
    const body = await readJson(request);
    if (path === '/before') {
      // Right after a probed call the state is the one just taken: no second round trip.
      this.before = body.reuse === true && this.last ? this.last : await this.timed();
      return {};
    }
    const after = await this.timed();
    this.last = after;
    const moved = differences(this.before, after);
    const status = Number(body.status);
    this.tally.calls += 1;
    const inconclusive = moved.includes(consumerMarker);
    if (status < 400 || moved.length === 0) return { changed: [], inconclusive: false };
    if (inconclusive) {
      this.tally.inconclusive += 1;
      return { changed: [], inconclusive: true } satisfies ProbeVerdict;
    }
    this.tally.violations.push({ operation: String(body.operation), status, changed: moved });
    return { changed: moved, inconclusive: false } satisfies ProbeVerdict;
  }
}

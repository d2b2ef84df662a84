// The run's clients: the public HTTP APIs with bearer tokens, and the two ways a careful client
// writes while servers die under it. A creation carries an Idempotency-Key, so it is simply sent
// again. A command carries If-Match with the version it was decided on: sent again after its
// first attempt did land, it answers 412, and a read tells whether the version moved.
// Each write ends `ok` (2xx: acknowledged), `applied` (no 2xx seen, but a read shows it landed),
// `failed` (refused: it did not happen) or `indeterminate` (nobody can tell; Jepsen's "info").
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceName } from '@kelisim/launcher/service-process';
import type { TestAuth, TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import type { ServiceProcesses } from './service-processes.ts';

export type Actor = { sub: string } & TestTokenClaims;
export type Answer = { status: number; json: Record<string, unknown>; etag: string | null };
export type Outcome = 'ok' | 'applied' | 'failed' | 'indeterminate';
export type WriteResult = { outcome: Outcome; answer: Answer | null; attempts: number };

type Method = 'GET' | 'POST' | 'PUT';

/** How long one write keeps trying through a fault before it is left indeterminate. */
const writeDeadlineMs = 120_000;
const requestTimeoutMs = 15_000;

/**
 * Spaces the starts of writes evenly, whatever the number of clients: a steady stream at a rate
 * the platform sustains, so that the drain after the last fault measures recovery from the
 * faults, not a backlog the clients built by outrunning the consumers (that is the overload test).
 */
export class Pacer {
  private next = 0;

  /** `perSecond` 0: no pacing, every client as fast as its answers come. */
  constructor(private readonly perSecond: number) {}

  async turn(): Promise<void> {
    if (this.perSecond <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1_000 / this.perSecond;
    if (at > now) await sleep(at - now);
  }
}

export class Api {
  private readonly tokens = new Map<string, Promise<string>>();
  /** Answers that made a write try again, by status (0: no answer), for the summary. */
  readonly retriesByStatus = new Map<number, number>();

  constructor(
    private readonly services: ServiceProcesses,
    private readonly auth: TestAuth,
    private readonly pacer = new Pacer(0),
  ) {}

  async call(
    service: ServiceName,
    actor: Actor,
    method: Method,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${this.services.url(service)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(actor)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      json = { unparsed: text.slice(0, 200) };
    }
    return { status: response.status, json, etag: response.headers.get('etag') };
  }

  /** A request that may be repeated at will (a read, an idempotent seed), sent until answered. */
  async repeatable(service: ServiceName, actor: Actor, method: Method, path: string, body?: object) {
    return this.write(() => this.call(service, actor, method, path, body));
  }

  /** A creation under an Idempotency-Key, sent again until it is answered. */
  async create(service: ServiceName, actor: Actor, path: string, body: object, key: string) {
    await this.pacer.turn();
    return this.write(() => this.call(service, actor, 'POST', path, body, { 'idempotency-key': key }));
  }

  /**
   * A command on a resource at a known version. After an unanswered attempt, a 412 or 409 means
   * either that attempt landed or someone else moved the resource: the read decides (the run is
   * the only writer of its resources).
   */
  async command(
    service: ServiceName,
    actor: Actor,
    path: string,
    body: object,
    resource: { path: string; etag: string | null },
  ): Promise<WriteResult> {
    await this.pacer.turn();
    let unanswered = false;
    const result = await this.write(
      async () => {
        const answer = await this.call(
          service,
          actor,
          'POST',
          path,
          body,
          resource.etag ? { 'if-match': resource.etag } : {},
        );
        if (unanswered && (answer.status === 412 || answer.status === 409)) {
          const now = await this.call(service, actor, 'GET', resource.path);
          if (now.status === 200 && now.etag !== resource.etag) return { ...now, status: 299 };
        }
        if (answer.status >= 500 || answer.status === 429) unanswered = true;
        return answer;
      },
      () => {
        unanswered = true;
      },
    );
    if (result.outcome === 'ok' && result.answer?.status === 299) return { ...result, outcome: 'applied' };
    return result;
  }

  private async write(send: () => Promise<Answer>, onNoAnswer: () => void = () => {}): Promise<WriteResult> {
    const deadline = Date.now() + writeDeadlineMs;
    let attempts = 0;
    let uncertain = false;
    let pauseMs = 200;
    while (true) {
      attempts += 1;
      let answer: Answer | null = null;
      try {
        answer = await send();
      } catch {
        onNoAnswer();
      }
      if (answer && answer.status < 300) return { outcome: 'ok', answer, attempts };
      // A registration whose key was claimed by an attempt that died says "in progress" (409).
      const inProgress = answer?.status === 409 && answer.json.code === 'idempotency.in_progress';
      if (answer && answer.status < 500 && answer.status !== 429 && !(inProgress && attempts < 10)) {
        return { outcome: uncertain ? 'indeterminate' : 'failed', answer, attempts };
      }
      // 429 and a load-shedding 503 (`overloaded`) were refused before anything happened; any
      // other 5xx, or no answer, may have landed.
      const shed = answer?.status === 503 && answer.json.code === 'overloaded';
      if (answer?.status !== 429 && !shed) uncertain = true;
      const status = answer?.status ?? 0;
      this.retriesByStatus.set(status, (this.retriesByStatus.get(status) ?? 0) + 1);
      if (Date.now() > deadline) return { outcome: uncertain ? 'indeterminate' : 'failed', answer, attempts };
      // A rate limit's window is a minute long; one second is its Retry-After's smallest answer.
      await sleep(status === 429 ? Math.max(pauseMs, 1_000) : pauseMs);
      pauseMs = Math.min(pauseMs * 2, 2_000);
    }
  }

  private token(actor: Actor): Promise<string> {
    let token = this.tokens.get(actor.sub);
    if (!token) {
      token = this.auth.mint({ expiresIn: '2d', ...actor });
      this.tokens.set(actor.sub, token);
    }
    return token;
  }
}

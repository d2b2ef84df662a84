// Creating a resource, with one meaning of `Idempotency-Key` in every service (the IETF draft
// "The Idempotency-Key HTTP Header Field"): the same key with the same body answers the first
// result, marked as replayed; the same key with another body is a client bug, refused with 422
// rather than silently answering the wrong resource.
//
// The key is claimed (a unique `_id` per kind, caller and key, with the new resource's id and the
// body's fingerprint) BEFORE the resource is committed, so two concurrent retries cannot both
// create one: the loser finds the winner's claim and answers the winner's resource. A claim is
// never released: the commit may have landed before an error, and a released key would let the
// client's retry create a second resource. A retry whose claim has no resource yet (the first
// attempt died before its commit) creates it under the claimed id; the commit log's unique
// (stream, version) lets one attempt win.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Current } from '../commit-log.ts';
import { VersionConflictError } from '../commit-log.ts';
import { ConflictError, UnprocessableError, ValidationError } from '../errors.ts';
import { GroupCommit, insertEach } from '../group-commit.ts';
import { isDuplicateKeyError, nativeCollection } from '../mongo.ts';
import type { Decision } from './decision.ts';
import type { Audit, CommandRunner } from './run-command.ts';

type KeyClaim = { _id: string; resourceId: string; fingerprint: string; firstUsedAt: Date };

export type Creation<S extends object> = {
  /** The kind of resource ('case', 'visit'): a key is the caller's own, per kind. */
  kind: string;
  /** The caller's user id (token `sub`). */
  caller: string;
  /** From `idempotencyKeyFrom(request)`; undefined creates unconditionally. */
  key: string | undefined;
  /** The validated request body: a retry must send the same. */
  body: unknown;
  now: Date;
  /** Decides the new resource under its id; runs once per attempt that creates. */
  decide: (id: string) => Decision<S> | Promise<Decision<S>>;
  audit?: (decision: Decision<S>) => Audit | undefined;
};

export type Created<S extends object> = { current: Current<S>; replayed: boolean };

// Visible ASCII only, as the draft's sf-string allows; long enough for a UUID with a prefix.
const keyPattern = /^[\x21-\x7e]{1,200}$/;

/** The request's `Idempotency-Key`, or undefined; a malformed one is a 400 naming the header. */
export function idempotencyKeyFrom(request: { headers: IncomingHttpHeaders }): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !keyPattern.test(header)) {
    throw new ValidationError([
      {
        path: '/headers/idempotency-key',
        code: 'invalid_format',
        message: 'must be 1 to 200 visible ASCII characters',
      },
    ]);
  }
  return header;
}

export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

export type KeyUse = { kind: string; caller: string; key: string; body: unknown; now: Date };

export type Claim = {
  /** The id of the resource the key stands for. */
  resourceId: string;
  /** Whether this request claimed the key; false for a retry of an earlier one. */
  first: boolean;
};

/**
 * The claims themselves, for a resource that is not a commit-log stream (a directory entry):
 * its creation claims the key, then creates, and answers a retry (`first: false`) with what
 * exists under `resourceId`.
 */
export class IdempotencyKeys {
  private readonly claims: Collection<KeyClaim>;
  /** Concurrent creations' claims share one insertMany, each still failing on its own. */
  private readonly inserts = new GroupCommit<KeyClaim>((claims) => insertEach(this.claims, claims));

  constructor(connection: Connection) {
    this.claims = nativeCollection<KeyClaim>(connection, 'idempotency_keys');
  }

  /** The id the key stands for: `newId()` on first use; 422 when the key came with another body. */
  async claim(use: KeyUse, newId: () => string): Promise<Claim> {
    const _id = `${use.kind}:${use.caller}:${use.key}`;
    const fingerprint = fingerprintOf(use.body);
    const resourceId = newId();
    try {
      await this.inserts.submit({ _id, resourceId, fingerprint, firstUsedAt: use.now });
      return { resourceId, first: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const earlier = await this.claims.findOne({ _id });
    if (!earlier) throw new Error(`idempotency key ${_id} vanished after colliding`);
    if (earlier.fingerprint !== fingerprint) {
      throw new UnprocessableError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request body.',
      );
    }
    return { resourceId: earlier.resourceId, first: false };
  }
}

export type CreationsOptions = {
  /**
   * Write the new stream's outbox pointer while `decide` runs rather than just before the commit:
   * one store round trip fewer in a row, for a creation whose decision does I/O of its own (a
   * registration's number and duplicate lookup, docs/adr/0019). A decision that throws leaves the
   * pointer behind: deleted at once when the id is this attempt's own (no Idempotency-Key), else
   * left to the relay, which drops pointers without a commit after ten minutes (docs/adr/0004).
   */
  pointerWhileDeciding?: boolean;
};

export class Creations<S extends object> {
  private readonly keys: IdempotencyKeys;

  constructor(
    connection: Connection,
    private readonly runner: CommandRunner<S>,
    private readonly newId: () => string,
    private readonly options: CreationsOptions = {},
  ) {
    this.keys = new IdempotencyKeys(connection);
  }

  async create(creation: Creation<S>): Promise<Created<S>> {
    const { key } = creation;
    if (key === undefined) return { current: await this.commitNew(this.newId(), creation), replayed: false };
    const { resourceId: id, first } = await this.keys.claim({ ...creation, key }, this.newId);
    // A fresh claim names a fresh id: only a retry can find a resource there already.
    const earlier = first ? null : await this.runner.log.loadRepaired(id);
    if (earlier) return { current: earlier, replayed: true };
    try {
      return { current: await this.commitNew(id, creation), replayed: false };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const winner = await this.runner.log.loadRepaired(id);
      if (winner) return { current: winner, replayed: true };
      throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly.', {
        code: 'idempotency.in_progress',
      });
    }
  }

  private async commitNew(id: string, creation: Creation<S>): Promise<Current<S>> {
    if (!this.options.pointerWhileDeciding) {
      const decision = await creation.decide(id);
      return this.runner.append(id, 0, decision, creation.now, () => creation.audit?.(decision));
    }
    const { log } = this.runner;
    // Both settled before either's failure is acted on: a pointer failing while the decision is
    // still being made is this request's error, never an unhandled rejection.
    const [pointer, decided] = await Promise.allSettled([
      log.preparePointer(id, 1, creation.now),
      Promise.resolve().then(() => creation.decide(id)),
    ]);
    if (decided.status === 'rejected') {
      // Only this attempt can commit under an id it drew itself; a key's id may be a retry's too.
      if (pointer.status === 'fulfilled' && creation.key === undefined) {
        await log.dropPointer(id, 1).catch(() => {});
      }
      throw decided.reason;
    }
    if (pointer.status === 'rejected') throw pointer.reason;
    const decision = decided.value;
    return this.runner.append(id, 0, decision, creation.now, () => creation.audit?.(decision), {
      pointerWritten: true,
    });
  }
}

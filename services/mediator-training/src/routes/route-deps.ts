// What every route module gets from buildApp, and the helpers they share: the command context of
// a request, the write that maps a lost race to 412 or 409, ETags, and Idempotency-Key ids.
import { createHash } from 'node:crypto';
import { VersionConflictError } from '@kelisim/service-kit/commit-log';
import { ConflictError, PreconditionFailedError, ValidationError } from '@kelisim/service-kit/errors';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../domain/decision.ts';
import type { Stores } from '../store/stores.ts';

export type RouteDeps = {
  stores: Stores;
  cipher: FieldCipher;
  /** Woken after every commit so that its events leave at once (DESIGN.md §4). */
  relay: { wake: () => void };
  clock: () => Date;
  newId: () => string;
};

export function commandContext(request: FastifyRequest, deps: RouteDeps): CommandContext {
  return {
    now: deps.clock(),
    newId: deps.newId,
    correlationId: request.id,
    causationId: null,
    actor: request.principal.sub,
  };
}

/** The version a write is decided on: the loaded one, after checking `If-Match` against it. */
export function versionToWrite(request: FastifyRequest, current: { version: number }): number {
  const expected = expectedVersionFrom(request);
  if (expected !== undefined && expected !== current.version) {
    throw new PreconditionFailedError(undefined, { currentVersion: current.version });
  }
  return current.version;
}

/** Runs a save; a concurrent writer that got there first is a 412 with If-Match, else a 409. */
export async function saving<T>(request: FastifyRequest, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    if (request.headers['if-match'] !== undefined) throw new PreconditionFailedError();
    throw new ConflictError('The resource changed while the request ran; reload it and retry.', {
      code: 'concurrent_change',
    });
  }
}

export function withEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The id of a resource to create. With an `Idempotency-Key`, the id is derived from the caller,
 * the kind of resource and the key, so a retried request finds the stream it already created
 * (the commit log's version check makes the first write the only one): no extra collection.
 */
export function creationId(
  request: FastifyRequest,
  deps: RouteDeps,
  kind: string,
): { id: string; keyed: boolean } {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return { id: deps.newId(), keyed: false };
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    throw new ValidationError([
      { path: '/headers/idempotency-key', message: 'must be 1 to 128 letters, digits or ._:-' },
    ]);
  }
  const digest = createHash('sha256')
    .update(`${kind}\u0000${request.principal.sub}\u0000${header}`)
    .digest('hex');
  return { id: `${kind}-${digest.slice(0, 32)}`, keyed: true };
}

/** Marks a replayed creation (RFC draft "The Idempotency-Key HTTP Header Field"). */
export function markReplayed(reply: FastifyReply): void {
  reply.header('idempotent-replayed', 'true');
}

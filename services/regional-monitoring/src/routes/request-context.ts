// What every route derives from a request: the event context (time, ids, correlation), a stable
// id for creation under an Idempotency-Key, and the scoping answers.
import { createHash } from 'node:crypto';
import { newEventId } from '@kelisim/contracts/envelope';
import { NotFoundError, ValidationError } from '@kelisim/service-kit/errors';
import type { Principal } from '@kelisim/service-kit/principal';
import type { FastifyRequest } from 'fastify';
import type { EventContext } from '../domain/event-context.ts';
import { canSeeRecord } from '../store/scope.ts';

export function eventContext(request: FastifyRequest, clock: () => Date): EventContext {
  return { now: clock(), newId: newEventId, correlationId: request.id, causationId: null };
}

/**
 * The id of a resource being created: derived from the caller and their Idempotency-Key when one
 * is sent, so that a retried creation finds the first one (the commit log's unique stream
 * version makes even two concurrent retries create one resource); a fresh UUIDv7 otherwise.
 */
export function creationId(request: FastifyRequest, kind: string): { id: string; idempotent: boolean } {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return { id: newEventId(), idempotent: false };
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw new ValidationError([{ path: '/headers/idempotency-key', message: 'must be 1 to 200 characters' }]);
  }
  const digest = createHash('sha256').update(`${kind}\0${request.principal.sub}\0${key}`).digest('hex');
  return { id: `${kind}-${digest.slice(0, 40)}`, idempotent: true };
}

/** The record, or a 404 when it does not exist or lies outside the caller's territory. */
export function visibleOr404<T extends { region: string }>(
  principal: Principal,
  record: T | null,
  districtsOf: (record: T) => readonly (string | null)[],
  what: string,
): T {
  if (!record || !canSeeRecord(principal, { region: record.region, districts: districtsOf(record) })) {
    throw new NotFoundError(`No such ${what}.`, { code: `${what}.not_found` });
  }
  return record;
}

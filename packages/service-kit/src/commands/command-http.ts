// The HTTP edge of the command pipeline, the same in every service: the decision context of a
// request, and the answers that carry the resource's version as its ETag (DESIGN.md §5).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf } from '../etag.ts';
import type { DecisionContext } from './decision.ts';

export type Clocks = { clock: () => Date; newId: () => string };

export function decisionContextOf(request: FastifyRequest, { clock, newId }: Clocks): DecisionContext {
  return {
    now: clock(),
    newId,
    correlationId: request.id,
    causationId: null,
    actor: request.principal.sub,
  };
}

/** Sets the ETag of the version the reply shows. */
export function withVersion(reply: FastifyReply, current: { version: number }): FastifyReply {
  return reply.header('etag', etagOf(current.version));
}

/**
 * 201 with Location for a new resource; 200 marked `Idempotent-Replayed` for a retried creation
 * that answers the first result. Both carry the ETag.
 */
export function answerCreation(
  reply: FastifyReply,
  created: { current: { version: number }; replayed: boolean },
  location: string,
): FastifyReply {
  withVersion(reply, created.current);
  if (created.replayed) return reply.status(200).header('idempotent-replayed', 'true');
  return reply.status(201).header('location', location);
}

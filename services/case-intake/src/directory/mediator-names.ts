// A mediator's name for the printed documents, from mediator-training, which alone keeps names
// (they never travel on the bus: DESIGN.md §4). Asked with the caller's own token, so that
// mediator-training's rule of who may read a mediator's name applies as in the console; when the
// name is not given (mediator-training down, or the caller may not read it), the documents leave
// the name to be written in by hand rather than refuse to print.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';

/** Who asks: the caller's `Authorization` header and the request's logger. */
export type Asker = { authorization: string | undefined; log: FastifyBaseLogger };

export type MediatorNames = {
  /** The mediator's name, or null when mediator-training does not give it to this caller. */
  nameOf(mediatorId: string, asker: Asker): Promise<string | null>;
};

const namesAnswer = z.object({ items: z.array(z.object({ mediatorId: z.string(), name: z.string() })) });

/** Names asked of mediator-training at `baseUrl`; none at all without one (`undefined`). */
export function mediatorNamesFrom(baseUrl: string | undefined, timeoutMs = 3_000): MediatorNames {
  return {
    async nameOf(mediatorId, { authorization, log }) {
      if (!baseUrl || !authorization) return null;
      try {
        const response = await fetch(`${baseUrl}/mediators/names?ids=${encodeURIComponent(mediatorId)}`, {
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) {
          log.warn({ mediatorId, status: response.status }, 'mediator name not given');
          return null;
        }
        const answer = namesAnswer.parse(await response.json());
        return answer.items.find((item) => item.mediatorId === mediatorId)?.name ?? null;
      } catch (error) {
        log.warn({ mediatorId, err: error }, 'mediator-training unreachable for a mediator name');
        return null;
      }
    },
  };
}

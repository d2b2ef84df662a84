// GET /groups/:groupId/alerts/stream: changes to a group's alerts as server-sent events, from the
// live feed (delivery/live-stream.ts), which every instance feeds from the `alerts` topic. The
// token comes in the Authorization header only; the kit refuses one in the URL (auth.ts).
import type { ServerResponse } from 'node:http';
import { groupIdParams } from '@kelisim/contracts/api/notifications';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { writeSse } from '../delivery/live-stream.ts';
import { eventStream } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import { canSeeGroup, groupNotFound } from './scope.ts';

export function registerLiveStreamRoute(
  app: HttpApp,
  deps: Pick<RouteDeps, 'groups' | 'feed' | 'heartbeatMs'>,
): void {
  // Open streams never go idle, so the server would wait for them on close: end them first.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.get(
    '/groups/:groupId/alerts/stream',
    {
      schema: {
        summary: "Changes to a group's alerts as server-sent events",
        description:
          'Each event (`alert.raised`, `alert.updated`, `alert.acknowledged`, `alert.escalated`, `alert.resolved`) ' +
          'carries the alert id, its group and what changed; read the alert by id for the rest. ' +
          'The bearer token goes in the Authorization header; a token in the URL is refused (401).',
        operationId: 'streamGroupAlerts',
        tags: ['alerts'],
        params: groupIdParams,
        response: { 200: eventStream, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const group = await deps.groups.get(groupId);
      if (!group || !canSeeGroup(request.principal, group)) throw groupNotFound(groupId);
      // From here on the connection is ours, not fastify's: it stays open until the client leaves.
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(': connected\n\n');
      open.add(raw);
      const unsubscribe = deps.feed.subscribe([groupId], (change) => writeSse(raw, change));
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), deps.heartbeatMs ?? 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(raw);
      });
    },
  );
}

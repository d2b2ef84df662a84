// GET /groups/:groupId/alerts/stream: new alerts of a group as server-sent events, pushed by the
// in-process feed (delivery/live-stream.ts) of this instance; see its note on several instances.
import type { ServerResponse } from 'node:http';
import { groupIdParams } from '@kelisim/contracts/api/notifications';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { writeSse } from '../delivery/live-stream.ts';
import { eventStream } from './responses.ts';
import type { RouteDeps } from './route-deps.ts';
import { canSeeGroup, groupNotFound } from './scope.ts';
import { alertView } from './views.ts';

export function registerLiveStreamRoute(
  app: HttpApp,
  deps: Pick<RouteDeps, 'groups' | 'feed' | 'heartbeatMs' | 'cipher'>,
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
        summary: "A group's new alerts as server-sent events",
        operationId: 'streamGroupAlerts',
        tags: ['alerts'],
        params: groupIdParams,
        response: { 200: eventStream, ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const group = await deps.groups.get(groupId);
      if (!group || !canSeeGroup(request.principal, group)) throw groupNotFound(groupId);
      const viewer = request.principal.sub;
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
      const unsubscribe = deps.feed.subscribe([groupId], (alert) =>
        writeSse(raw, 'alert.raised', alert.alertId, alertView(alert, viewer, deps.cipher)),
      );
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), deps.heartbeatMs ?? 15_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(raw);
      });
    },
  );
}

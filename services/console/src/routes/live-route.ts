// GET /api/live: one server-sent-event stream per browser tab, fed by notifications' own live
// streams of the user's groups (GET /groups/:id/alerts/stream, opened with the user's token) and
// by a periodic `refresh` event. Notifications fans out in-process, so with several instances a
// stream misses alerts raised elsewhere (its README, "Live stream"); the refresh makes the inbox
// re-read itself anyway, so nothing is missed for longer than LIVE_REFRESH_MS.
import type { ServerResponse } from 'node:http';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { AppDeps } from '../app-deps.ts';
import { sessionOf } from './session-routes.ts';

const retryMs = 3_000;

export function registerLiveRoute(app: HttpApp, deps: AppDeps): void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.get('/api/live', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const { principal, token } = await sessionOf(deps, request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    open.add(raw);
    const stop = new AbortController();
    const send = (frame: string) => {
      if (!raw.writableEnded) raw.write(frame);
    };
    for (const groupId of principal.groups) {
      void follow(
        `${deps.upstreams.notifications}/groups/${encodeURIComponent(groupId)}/alerts/stream`,
        token,
        send,
        stop.signal,
      );
    }
    const refresh = setInterval(() => send(`event: refresh\ndata: {}\n\n`), deps.liveRefreshMs);
    request.raw.on('close', () => {
      clearInterval(refresh);
      stop.abort();
      open.delete(raw);
    });
  });
}

/** Copies one upstream SSE stream's frames to the browser until aborted, reconnecting on failure. */
async function follow(
  url: string,
  token: string,
  send: (frame: string) => void,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
      // A group the user may not see (404) or an ended session (401): nothing to follow.
      if (response.status === 404 || response.status === 401 || !response.body) return;
      const decoder = new TextDecoder();
      let rest = '';
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        rest += decoder.decode(chunk.value, { stream: true });
        const frames = rest.split('\n\n');
        rest = frames.pop() ?? '';
        // Comments (keep-alives) stay upstream; events go on as they came.
        for (const frame of frames) if (frame.startsWith('event:')) send(`${frame}\n\n`);
      }
    } catch {
      // Aborted, or notifications restarting: try again shortly unless the browser left.
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

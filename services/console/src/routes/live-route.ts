// GET /api/live: one server-sent-event stream per browser tab, fed by notifications' live streams
// of the user's groups (GET /groups/:id/alerts/stream). The browser authenticates with its session
// cookie only, as EventSource cannot send headers; the token stays on the server, which opens each
// upstream stream with it in the Authorization header, read from the session at every (re)connect
// so that a renewed token is used. Any notifications instance hears of every alert change (its
// README, "Live stream"); what an upstream stream could not say while it was reconnecting is
// covered by one `refresh` event once it is back, after which the inbox reads itself again.
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
    const session = await sessionOf(deps, request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${retryMs}\n\n`);
    open.add(raw);
    const stop = new AbortController();
    const send = (frame: string) => {
      if (!raw.writableEnded) raw.write(frame);
    };
    const token = async () => (await deps.sessions.current(session.id))?.token ?? null;
    for (const groupId of session.principal.groups) {
      const url = `${deps.upstreams.notifications}/groups/${encodeURIComponent(groupId)}/alerts/stream`;
      void follow(url, token, send, stop.signal).then((ended) => {
        // The session is over: the browser's reconnect will be refused, and it stops there.
        if (ended === 'session-ended' && !raw.writableEnded) raw.end();
      });
    }
    request.raw.on('close', () => {
      stop.abort();
      open.delete(raw);
    });
  });
}

/**
 * Copies one upstream SSE stream's events to the browser until aborted, reconnecting on failure;
 * after a reconnect, a `refresh` event stands for whatever happened in between.
 */
async function follow(
  url: string,
  token: () => Promise<string | null>,
  send: (frame: string) => void,
  signal: AbortSignal,
): Promise<'aborted' | 'not-followed' | 'session-ended'> {
  let connectedBefore = false;
  while (!signal.aborted) {
    try {
      const current = await token();
      if (!current) return 'session-ended';
      const response = await fetch(url, { headers: { authorization: `Bearer ${current}` }, signal });
      // A group the user may not see (404) or a token refused (401): nothing to follow.
      if ([401, 403, 404].includes(response.status)) return 'not-followed';
      if (!response.ok || !response.body) throw new Error(`upstream answered ${response.status}`);
      if (connectedBefore) send('event: refresh\ndata: {}\n\n');
      connectedBefore = true;
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
  return 'aborted';
}

// /api/<service>/<path>: the browser's calls to the four services, sent on with the user's token
// from the session cookie. Status, body and the headers the console relies on (ETag, Location,
// problem+json) come back unchanged; If-Match and Idempotency-Key go through, so optimistic
// concurrency (412) and replayed offline registrations work end to end. The services answer problems
// in the language the console is shown in (its cookie), whatever the browser's own preference.
// Bodies are streamed through, not held: a register of every case (issue 26) may be large, and its
// Content-Disposition names the file the browser saves.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { UnauthorizedError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { AppDeps } from '../app-deps.ts';
import type { UpstreamName } from '../config.ts';
import { readCookie } from '../sign-in/session-cookie.ts';
import { sessionOf } from './session-routes.ts';
import { languageCookie } from './web-routes.ts';

const services: readonly UpstreamName[] = [
  'case-intake',
  'mediator-training',
  'regional-monitoring',
  'notifications',
];
const forwardedRequestHeaders = [
  'content-type',
  'if-match',
  'idempotency-key',
  'accept-language',
  'x-request-id',
];
const forwardedResponseHeaders = [
  'content-type',
  'content-language',
  'content-disposition',
  'etag',
  'location',
  'retry-after',
  'idempotent-replayed',
];

export function registerApiProxy(app: HttpApp, deps: AppDeps): void {
  for (const service of services) {
    const base = deps.upstreams[service];
    app.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: `/api/${service}/*`,
      config: { public: true },
      schema: { hide: true },
      handler: async (request, reply) => {
        const { token, id } = await sessionOf(deps, request);
        const path = request.url.slice(`/api/${service}`.length);
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        for (const name of forwardedRequestHeaders) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const lang = readCookie(request.headers.cookie, languageCookie);
        if (lang === 'kk' || lang === 'ru') headers['accept-language'] = lang;
        const hasBody = request.body !== undefined && request.method !== 'GET';
        if (hasBody) headers['content-type'] = 'application/json';
        // The time limit is the service's to answer; a long download, once begun, is not cut short.
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), deps.upstreamTimeoutMs);
        let response: Response;
        try {
          response = await fetch(`${base}${path}`, {
            method: request.method,
            headers,
            body: hasBody ? JSON.stringify(request.body) : undefined,
            signal: abort.signal,
          });
        } catch (error) {
          request.log.warn({ service, err: error }, 'upstream unreachable');
          return reply
            .status(502)
            .type('application/problem+json')
            .send({
              type: 'about:blank',
              title: 'Bad gateway',
              status: 502,
              code: 'upstream.unreachable',
              detail: `${service} does not answer.`,
            });
        } finally {
          clearTimeout(timer);
        }
        // A token the service refuses (revoked, its key gone) ends the console session too.
        if (response.status === 401) {
          await deps.sessions.close(id);
          throw new UnauthorizedError('The session has ended; sign in again.', true);
        }
        for (const name of forwardedResponseHeaders) {
          const value = response.headers.get(name);
          if (value !== null) reply.header(name, value);
        }
        reply.status(response.status);
        // fetch's body is Node's own web stream; the DOM typings the console's web code needs name it apart.
        return response.body
          ? reply.send(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>))
          : reply.send();
      },
    });
  }
}

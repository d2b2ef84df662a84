// Two rules for a backend whose callers are browsers holding a session cookie:
// - a state-changing request (anything but GET, HEAD, OPTIONS) made from another origin is refused
//   (403), judged by Fetch Metadata (`Sec-Fetch-Site`) where the browser sends it and by `Origin`
//   otherwise; SameSite=Lax already keeps the cookie off other sites' POSTs, this also covers
//   sibling origins of the same site (https://owasp.org/www-community/pages/controls/SameSite,
//   OWASP CSRF cheat sheet "Verifying origin with standard headers"). A request with neither header
//   does not come from a browser page, so it cannot ride on someone's cookie.
// - nothing the console answers under /api and /auth, nor its page, is kept by the browser or a
//   cache (`no-store`), so that the back button after sign-out cannot show a signed-in view.
import { ForbiddenError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { FastifyRequest } from 'fastify';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function fromThisOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true;
  const own = new Set([new URL(publicUrl).origin]);
  const host = request.headers.host;
  if (host) own.add(`${request.protocol}://${host}`);
  return own.has(origin);
}

export function registerBrowserGuards(app: HttpApp, publicUrl: string): void {
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    if (!fromThisOrigin(request, publicUrl)) {
      request.log.warn(
        { method: request.method, path: request.routeOptions.url },
        'cross-origin request refused',
      );
      throw new ForbiddenError('A request from another site is not accepted.', { code: 'cross_origin' });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/' || path.startsWith('/api/') || path.startsWith('/auth/'))
      reply.header('cache-control', 'no-store');
  });
}

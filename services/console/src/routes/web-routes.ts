// The web app: one HTML page (its `lang` from the language cookie, so the first paint is right)
// and the bundle's script and styles under hashed names. Its own content security policy: only
// this origin's scripts, styles and connections.
import type { HttpApp } from '@kelisim/service-kit/http';
import type { AppDeps } from '../app-deps.ts';
import { readCookie } from '../sign-in/session-cookie.ts';
import { appIcon, appManifest } from '../web/app-manifest.ts';

export const languageCookie = 'kelisim_lang';

const webPolicy = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
};
const webRoute = { config: { public: true, helmet: webPolicy }, schema: { hide: true } };

function page(language: 'kk' | 'ru', hash: string): string {
  const title = language === 'kk' ? 'Келісім — консоль' : 'Келисим — консоль';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
<meta name="theme-color" content="#0b5cab">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icon.svg?v=${hash}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.${hash}.css">
<script type="module" src="/assets/app.${hash}.js"></script>
</head>
<body><div id="app"></div><noscript>JavaScript is needed.</noscript></body>
</html>`;
}

export function registerWebRoutes(app: HttpApp, deps: Pick<AppDeps, 'web'>): void {
  const { web } = deps;
  app.get('/', webRoute, async (request, reply) => {
    const chosen = readCookie(request.headers.cookie, languageCookie);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(page(chosen === 'ru' ? 'ru' : 'kk', web.hash));
  });
  const immutable = 'public, max-age=31536000, immutable';
  app.get(`/assets/app.${web.hash}.js`, webRoute, async (request, reply) => {
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', immutable)
      .header('vary', 'accept-encoding');
    const gzip = web.jsGzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    return gzip ? reply.header('content-encoding', 'gzip').send(web.jsGzip) : reply.send(web.js);
  });
  app.get(`/assets/app.${web.hash}.css`, webRoute, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(web.css),
  );
  // The installable app (web/app-manifest.ts) and its service worker, which browsers check for a
  // newer version on each visit (no-cache), so that a new bundle reaches the field at the next start.
  const manifest = JSON.stringify(appManifest(web.hash));
  app.get('/manifest.webmanifest', webRoute, async (_request, reply) =>
    reply.type('application/manifest+json; charset=utf-8').header('cache-control', 'no-cache').send(manifest),
  );
  app.get('/icon.svg', webRoute, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', immutable).send(appIcon),
  );
  const worker = web.serviceWorker;
  if (worker)
    app.get('/sw.js', webRoute, async (request, reply) => {
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('vary', 'accept-encoding');
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
      return gzip ? reply.header('content-encoding', 'gzip').send(worker.gzip) : reply.send(worker.js);
    });
}

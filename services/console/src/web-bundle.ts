// The browser app is bundled in memory when the console starts (esbuild, well under a second):
// the repository keeps no build step (docs/adr/0003), and `npm start`, the tests and a container
// run the same sources. The bundle's hash names its files, so browsers may cache them for good.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export type WebBundle = {
  js: string;
  css: string;
  hash: string;
  /** The script compressed once at start: about a quarter of its size, for phones in the field. */
  jsGzip?: Buffer;
  /** The service worker, its precache list naming this bundle's files (web/service-worker.ts). */
  serviceWorker?: { js: string; gzip: Buffer };
};

const entry = fileURLToPath(new URL('./web/main.tsx', import.meta.url));
const workerEntry = fileURLToPath(new URL('./web/service-worker.ts', import.meta.url));

/** What opens without a connection; the page's revision is the hash, the assets carry it in their names. */
export function precacheList(hash: string): { url: string; revision: string | null }[] {
  return [
    { url: '/', revision: hash },
    { url: `/assets/app.${hash}.js`, revision: null },
    { url: `/assets/app.${hash}.css`, revision: null },
    { url: '/manifest.webmanifest', revision: hash },
    { url: `/icon.svg?v=${hash}`, revision: null },
    // Territories, the same for everyone and for the life of a deployment (routes/reference-route.ts).
    { url: '/api/reference', revision: hash },
  ];
}

// Workbox's modules bundled as the app is, with the precache list written in where the worker reads it.
async function bundleServiceWorker(hash: string): Promise<{ js: string; gzip: Buffer }> {
  const result = await build({
    entryPoints: [workerEntry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: {
      'self.__WB_MANIFEST': JSON.stringify(precacheList(hash)),
      'process.env.NODE_ENV': '"production"',
    },
  });
  const js = result.outputFiles[0]?.text ?? '';
  return { js, gzip: gzipSync(js, { level: 9 }) };
}

export async function bundleWebApp(): Promise<WebBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    outdir: '/assets',
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
  const hash = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  return {
    js,
    css,
    hash,
    jsGzip: gzipSync(js, { level: 9 }),
    serviceWorker: await bundleServiceWorker(hash),
  };
}

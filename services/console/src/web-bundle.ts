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
};

const entry = fileURLToPath(new URL('./web/main.tsx', import.meta.url));

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
  return { js, css, hash, jsGzip: gzipSync(js, { level: 9 }) };
}

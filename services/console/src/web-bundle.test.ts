import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundleWebApp, precacheList } from './web-bundle.ts';

describe('the web bundle', () => {
  it('builds a service worker whose precache names this bundle’s page, script and styles, and nothing personal', async () => {
    const bundle = await bundleWebApp();
    const worker = bundle.serviceWorker;
    expect(worker).toBeDefined();
    const urls = precacheList(bundle.hash).map((entry) => entry.url);
    expect(urls).toEqual(
      expect.arrayContaining(['/', `/assets/app.${bundle.hash}.js`, `/assets/app.${bundle.hash}.css`]),
    );
    for (const url of urls) expect(worker?.js).toContain(JSON.stringify(url));
    // Only the public territories come from /api; sessions and the services' answers never do.
    expect(urls.filter((url) => url.startsWith('/api/'))).toEqual(['/api/reference']);
    expect(gunzipSync(worker?.gzip ?? Buffer.alloc(0)).toString()).toBe(worker?.js);
  }, 30_000);
});

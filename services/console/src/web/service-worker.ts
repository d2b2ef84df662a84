// The console's service worker (Workbox): the app shell (page, script, styles, manifest, icon) and
// the public reference data are precached under the bundle's hash, so that a person who signed in
// on this device before can open the console without a connection. Nothing personal passes through
// here: people's data stays sealed in their vault (lib/vault.ts), and every other /api and /auth
// request goes to the network untouched.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, type PrecacheEntry, precacheAndRoute } from 'workbox-precaching';

// The precache list is written in by web-bundle.ts when the console bundles its web app.
declare const self: { __WB_MANIFEST: PrecacheEntry[]; skipWaiting: () => Promise<void> };

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });

// The installable web app's manifest and icon (served by routes/web-routes.ts): the console opens
// on its own, without the browser's frame, from the phone's home screen.
export const appIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#0b5cab"/><path d="M136 256a120 120 0 0 1 240 0" fill="none" stroke="#fff" stroke-width="40" stroke-linecap="round"/><circle cx="186" cy="330" r="36" fill="#fff"/><circle cx="326" cy="330" r="36" fill="#fff"/></svg>`;

export function appManifest(hash: string) {
  return {
    id: '/',
    name: 'Келісім',
    short_name: 'Келісім',
    description:
      'Медиация ісі: тіркеу, сүйемелдеу, мониторинг / Медиация: регистрация, сопровождение, мониторинг',
    lang: 'kk',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5cab',
    icons: [
      { src: `/icon.svg?v=${hash}`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: `/icon.svg?v=${hash}`, sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
    ],
  };
}

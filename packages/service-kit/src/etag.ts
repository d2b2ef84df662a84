// Optimistic concurrency over HTTP (DESIGN.md §5): every editable resource answers its version as
// an `ETag`, and a write may send it back in `If-Match`; a stale one is a 412. Offline-captured
// edits are replayed this way.
import type { IncomingHttpHeaders } from 'node:http';
import { ValidationError } from './errors.ts';

/** The strong entity tag of a resource version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a write expects, from `If-Match: "<n>"`, or undefined when the header is absent or
 * `*` (any version). The weak form `W/"<n>"` is accepted too, because proxies weaken tags.
 * Anything else is a 400 rather than a silently unconditional write.
 */
export function expectedVersionFrom(request: { headers: IncomingHttpHeaders }): number | undefined {
  const header = request.headers['if-match']?.trim();
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header);
  if (!match?.[1]) {
    throw new ValidationError([
      {
        path: '/headers/if-match',
        code: 'invalid_format',
        message: 'must be one entity tag such as "3", as sent in the ETag',
      },
    ]);
  }
  return Number(match[1]);
}

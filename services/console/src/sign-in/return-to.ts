// Where the browser goes after signing in: only a path of this console. An absolute URL, a
// scheme-relative `//evil.example`, a backslash that browsers read as a slash (`/\evil.example`)
// or control characters would make the sign-in an open redirect (RFC 9700 §4.11).
export function sameOriginPath(returnTo: string, publicUrl: string): string | null {
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\')) return null;
  for (const char of returnTo) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return null;
  }
  const origin = new URL(publicUrl).origin;
  let resolved: URL;
  try {
    resolved = new URL(returnTo, origin);
  } catch {
    return null;
  }
  if (resolved.origin !== origin) return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

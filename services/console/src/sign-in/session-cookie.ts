// The console's cookies: the session's id, and a sign-in under way (its id, read once at the
// callback). Both HttpOnly, so scripts never read them, and Secure behind HTTPS. The session's is
// SameSite=Strict: other sites can never make the browser send it (the page itself needs no
// cookie; its script's calls are same-site). The sign-in's is SameSite=Lax, because the browser
// comes back from the provider's page by a top-level navigation that may start on another site
// (Keycloak on a domain of its own). Parsing by hand: two cookies do not need a plugin.
export const sessionCookie = 'kelisim_session';
export const signInCookie = 'kelisim_sign_in';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

type CookieOptions = {
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  path?: string;
  expiresAt?: Date;
  maxAgeSeconds?: number;
};

export function setCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(options.expiresAt ? [`Expires=${options.expiresAt.toUTCString()}`] : []),
    ...(options.maxAgeSeconds === undefined ? [] : [`Max-Age=${options.maxAgeSeconds}`]),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearCookie(
  name: string,
  options: Omit<CookieOptions, 'expiresAt' | 'maxAgeSeconds'>,
): string {
  return setCookie(name, '', { ...options, expiresAt: new Date(0), maxAgeSeconds: 0 });
}

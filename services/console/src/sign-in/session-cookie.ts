// The session is the access token itself, in an HttpOnly, SameSite=Strict cookie: scripts cannot
// read it, other sites cannot send it, and the console stays stateless (several instances need
// no shared session store). Parsing by hand: one cookie does not need a plugin.
export const sessionCookie = 'kelisim_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

export function sessionSetCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${sessionCookie}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function sessionClearCookie(secure: boolean): string {
  return [
    `${sessionCookie}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

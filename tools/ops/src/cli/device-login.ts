// `ops login`: the operator signs in with the OAuth 2.0 device authorization grant (RFC 8628)
// against the realm's `kelisim-ops` client: the command prints where to go and which code to
// type, the operator signs in there (with their second factor), and the tokens are kept in a
// file only its owner can read. `ops logout` revokes them and removes the file. Minting tokens
// with the local key (`ops token`) is for development only.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as oidc from 'openid-client';

export type OperatorSession = {
  issuer: string;
  clientId: string;
  accessToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
};

export type LoginSettings = { issuer: string; clientId: string; sessionFile: string };

export async function discover(
  settings: Pick<LoginSettings, 'issuer' | 'clientId'>,
): Promise<oidc.Configuration> {
  const insecure = new URL(settings.issuer).protocol === 'http:';
  return oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.None(), {
    // Plain HTTP only for a development realm on this machine.
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    timeout: 10,
  });
}

export async function deviceLogin(
  settings: LoginSettings,
  tell: (line: string) => void,
  now: () => number = Date.now,
): Promise<OperatorSession> {
  const config = await discover(settings);
  const pending = await oidc.initiateDeviceAuthorization(config, { scope: 'openid' });
  tell(`open ${pending.verification_uri_complete ?? pending.verification_uri} and sign in`);
  tell(`code: ${pending.user_code} (valid ${Math.round(pending.expires_in / 60)} min); waiting…`);
  const tokens = await oidc.pollDeviceAuthorizationGrant(config, pending);
  const session = sessionOf(settings, tokens, now());
  saveSession(settings.sessionFile, session);
  return session;
}

/** The access token of the saved session, refreshed when it is about to expire; null without one. */
export async function sessionToken(
  sessionFile: string,
  now: () => number = Date.now,
): Promise<string | null> {
  const session = loadSession(sessionFile);
  if (!session) return null;
  if (session.expiresAt - now() > 30_000) return session.accessToken;
  if (!session.refreshToken) return null;
  const config = await discover(session);
  const refreshed = sessionOf(session, await oidc.refreshTokenGrant(config, session.refreshToken), now());
  saveSession(sessionFile, refreshed);
  return refreshed.accessToken;
}

/** Revokes the saved session's refresh token (ending the Keycloak session) and removes the file. */
export async function logout(sessionFile: string): Promise<boolean> {
  const session = loadSession(sessionFile);
  if (!session) return false;
  try {
    if (session.refreshToken) {
      await oidc.tokenRevocation(await discover(session), session.refreshToken, {
        token_type_hint: 'refresh_token',
      });
    }
  } finally {
    rmSync(sessionFile, { force: true });
  }
  return true;
}

function sessionOf(
  settings: Pick<LoginSettings, 'issuer' | 'clientId'>,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  at: number,
): OperatorSession {
  return {
    issuer: settings.issuer,
    clientId: settings.clientId,
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    expiresAt: at + (tokens.expiresIn() ?? 60) * 1000,
  };
}

/** Written with mode 0600 in a folder only its owner enters: the tokens act as the operator. */
export function saveSession(sessionFile: string, session: OperatorSession): void {
  mkdirSync(dirname(sessionFile), { recursive: true, mode: 0o700 });
  writeFileSync(sessionFile, `${JSON.stringify(session)}\n`, { mode: 0o600 });
}

export function loadSession(sessionFile: string): OperatorSession | null {
  try {
    return JSON.parse(readFileSync(sessionFile, 'utf8')) as OperatorSession;
  } catch {
    return null;
  }
}

// The console's sessions, the use case behind the session routes: a sign-in begun and finished
// (OpenID Connect), a session opened under a new id (so a planted id is never promoted: session
// fixation), found again on each request (ended when idle or past its lifetime, its access token
// renewed shortly before it expires), and closed for good at sign-out.
import type { TokenVerifier } from '@kelisim/service-kit/auth';
import type { Principal } from '@kelisim/service-kit/principal';
import { newSessionId, type SessionStore, type StoredSession } from '../store/session-store.ts';
import type { IdentityProvider } from './identity-provider.ts';
import type { OpenIdConnectProvider } from './openid-connect-provider.ts';
import type { SessionTokens } from './session-tokens.ts';

export type SessionSettings = {
  lifetimeMs: number;
  idleMs: number;
  clock: () => Date;
  /** A session's last use is written at most this often (a write per request would be wasted). */
  touchEveryMs?: number;
  /** The access token is renewed when it has less than this left. */
  refreshAheadMs?: number;
};

export type CurrentSession = { principal: Principal; token: string };

const signInLifetimeMs = 10 * 60_000;

export class Sessions {
  private readonly refreshing = new Map<string, Promise<SessionTokens | null>>();

  constructor(
    private readonly store: SessionStore,
    private readonly identity: IdentityProvider,
    private readonly verify: TokenVerifier,
    private readonly settings: SessionSettings,
  ) {}

  /** Starts a sign-in at the provider: the id of the sign-in under way (for its cookie) and where to go. */
  async beginSignIn(
    provider: OpenIdConnectProvider,
    returnTo: string,
    uiLocales: string | undefined,
  ): Promise<{ signInId: string; redirect: string }> {
    const { redirect, pending } = await provider.begin(uiLocales ? { uiLocales } : {});
    const signInId = newSessionId();
    await this.store.createSignIn(signInId, {
      ...pending,
      returnTo,
      expiresAt: new Date(this.settings.clock().getTime() + signInLifetimeMs),
    });
    return { signInId, redirect: redirect.href };
  }

  /** Finishes a sign-in with the provider's answer; null when it is unknown, used or too old. */
  async finishSignIn(
    provider: OpenIdConnectProvider,
    signInId: string,
    callbackUrl: URL,
  ): Promise<{ tokens: SessionTokens; returnTo: string } | null> {
    const signIn = await this.store.takeSignIn(signInId);
    if (!signIn || signIn.expiresAt <= this.settings.clock()) return null;
    const tokens = await provider.finish(callbackUrl, signIn);
    return { tokens, returnTo: signIn.returnTo };
  }

  /** A new session for these tokens, under a fresh id; the session the browser had before ends. */
  async open(
    tokens: SessionTokens,
    replacing: string | undefined,
  ): Promise<{ id: string; principal: Principal; expiresAt: Date }> {
    const principal = await this.verify(tokens.accessToken);
    if (replacing) await this.store.deleteSession(replacing);
    const now = this.settings.clock();
    const id = newSessionId();
    const expiresAt = new Date(now.getTime() + this.settings.lifetimeMs);
    await this.store.createSession(id, {
      sub: principal.sub,
      tokens,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { id, principal, expiresAt };
  }

  /** The session's principal and a current access token; null when there is no live session. */
  async current(id: string): Promise<CurrentSession | null> {
    const session = await this.store.findSession(id);
    if (!session) return null;
    const now = this.settings.clock().getTime();
    if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > this.settings.idleMs) {
      await this.store.deleteSession(id);
      return null;
    }
    let tokens = session.tokens;
    if (tokens.accessExpiresAt.getTime() - now < (this.settings.refreshAheadMs ?? 30_000)) {
      const renewed = await this.renew(id, session);
      if (!renewed) return null;
      tokens = renewed;
    } else if (now - session.lastSeenAt.getTime() > (this.settings.touchEveryMs ?? 60_000)) {
      await this.store.updateSession(id, { lastSeenAt: new Date(now) });
    }
    try {
      return { principal: await this.verify(tokens.accessToken), token: tokens.accessToken };
    } catch {
      await this.store.deleteSession(id);
      return null;
    }
  }

  /** Ends the session for good; returns its tokens (to end the provider's session too), or null. */
  async close(id: string): Promise<SessionTokens | null> {
    return (await this.store.deleteSession(id))?.tokens ?? null;
  }

  /** One renewal per session at a time in this process; a refused renewal ends the session. */
  private renew(id: string, session: StoredSession): Promise<SessionTokens | null> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const renewal = (async () => {
      if (this.identity.kind !== 'openid-connect' || !session.tokens.refreshToken) {
        if (session.tokens.accessExpiresAt <= this.settings.clock()) {
          await this.store.deleteSession(id);
          return null;
        }
        return session.tokens;
      }
      const tokens = await this.identity.refresh(session.tokens);
      if (!tokens) {
        await this.store.deleteSession(id);
        return null;
      }
      await this.store.updateSession(id, { tokens, lastSeenAt: this.settings.clock() });
      return tokens;
    })().finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, renewal);
    return renewal;
  }
}

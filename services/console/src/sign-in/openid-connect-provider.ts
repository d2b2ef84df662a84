// Keycloak's login page through OpenID Connect (openid-client, certified RP): the authorization
// code flow with PKCE (S256), `state` and `nonce`; the refresh grant; RP-initiated logout
// (https://openid.net/specs/openid-connect-rpinitiated-1_0.html) with `id_token_hint`, so that
// signing out of the console ends the Keycloak session too. The provider's metadata is discovered
// at the first use and kept; a provider that is down fails that sign-in, not the console's start.
import * as oidc from 'openid-client';
import type { SessionTokens } from './session-tokens.ts';

export type OpenIdConnectSettings = {
  issuer: string;
  clientId: string;
  /** Confidential client when given; otherwise a public client (PKCE alone). */
  clientSecret?: string;
  /** The console's origin as the browser sees it (`http://127.0.0.1:4100`). */
  publicUrl: string;
  clock: () => Date;
};

/** What a started sign-in must remember until the browser comes back. */
export type PendingSignIn = { state: string; nonce: string; codeVerifier: string };

export class OpenIdConnectProvider {
  readonly kind = 'openid-connect' as const;
  readonly redirectUri: string;
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(private readonly settings: OpenIdConnectSettings) {
    this.redirectUri = new URL('/auth/callback', settings.publicUrl).href;
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret } = this.settings;
      this.discovered = oidc
        .discovery(
          new URL(issuer),
          clientId,
          undefined,
          clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(),
          {
            // Plain HTTP only for a development issuer on this machine.
            ...(new URL(issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
            timeout: 10,
          },
        )
        .catch((error: unknown) => {
          this.discovered = null;
          throw error;
        });
    }
    return this.discovered;
  }

  /** The provider's authorization URL for a new sign-in, and what to remember for its return. */
  async begin(options: { uiLocales?: string } = {}): Promise<{ redirect: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const redirect = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
    });
    return { redirect, pending };
  }

  /** Exchanges the callback's code (state, nonce and PKCE checked) for the session's tokens. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SessionTokens> {
    const config = await this.configuration();
    const answer = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return this.tokensOf(answer);
  }

  /**
   * New tokens for a session whose access token is about to expire; null when the provider refuses
   * (its session ended: signed out elsewhere, idle there, the user disabled). A provider that does
   * not answer throws: that is an outage, not the end of the session.
   */
  async refresh(current: SessionTokens): Promise<SessionTokens | null> {
    if (!current.refreshToken) return null;
    const config = await this.configuration();
    let answer: Awaited<ReturnType<typeof oidc.refreshTokenGrant>>;
    try {
      answer = await oidc.refreshTokenGrant(config, current.refreshToken);
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError) return null;
      throw error;
    }
    const renewed = this.tokensOf(answer);
    // A provider may keep the refresh and ID tokens it issued before (RFC 6749 §6).
    return {
      ...renewed,
      refreshToken: renewed.refreshToken ?? current.refreshToken,
      ...((renewed.idToken ?? current.idToken) ? { idToken: renewed.idToken ?? current.idToken } : {}),
    };
  }

  /** Where the browser goes to end the provider's session too, and then comes back to the console. */
  async endSessionUrl(idToken: string | undefined): Promise<string> {
    const config = await this.configuration();
    return oidc.buildEndSessionUrl(config, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: new URL('/', this.settings.publicUrl).href,
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).href;
  }

  private tokensOf(answer: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): SessionTokens {
    const expiresIn = answer.expiresIn() ?? 60;
    return {
      accessToken: answer.access_token,
      accessExpiresAt: new Date(this.settings.clock().getTime() + expiresIn * 1000),
      ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
      ...(answer.id_token ? { idToken: answer.id_token } : {}),
    };
  }
}

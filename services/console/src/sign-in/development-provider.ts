// The development sign-in: the person picks a role and a territory, and the console mints the
// token itself with the development key pair that `npm start` makes the services trust
// (packages/service-kit tokens.ts). Only with SIGN_IN=development: anyone may be anyone.
import { mintToken } from '@kelisim/service-kit/tokens';
import type { DevelopmentIdentity, SessionTokens } from './session-tokens.ts';

export type DevelopmentKey = { privateKeyPem: string; kid?: string };

export class DevelopmentProvider {
  readonly kind = 'development' as const;

  constructor(
    private readonly key: DevelopmentKey,
    private readonly settings: { issuer: string; audience: string; sessionHours: number; clock: () => Date },
  ) {}

  async finish(identity: DevelopmentIdentity): Promise<SessionTokens> {
    const issuedAt = Math.floor(this.settings.clock().getTime() / 1000);
    const expires = issuedAt + this.settings.sessionHours * 3600;
    const accessToken = await mintToken({
      privateKeyPem: this.key.privateKeyPem,
      ...(this.key.kid ? { kid: this.key.kid } : {}),
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      sub: identity.sub,
      roles: identity.roles,
      regions: identity.regions,
      groups: identity.groups,
      issuedAt,
      expiresIn: expires,
    });
    return { accessToken, accessExpiresAt: new Date(expires * 1000) };
  }
}

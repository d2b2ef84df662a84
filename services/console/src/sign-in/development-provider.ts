// The development sign-in: the person picks a role and a territory, and the console mints the
// token itself with the development key pair that `npm start` makes the services trust
// (packages/service-kit tokens.ts). Never for production: anyone may be anyone.
import { mintToken } from '@kelisim/service-kit/tokens';
import type { AccessToken, DevelopmentIdentity, IdentityProvider } from './identity-provider.ts';

export type DevelopmentKey = { privateKeyPem: string; kid?: string };

export class DevelopmentProvider implements IdentityProvider {
  readonly kind = 'development' as const;

  constructor(
    private readonly key: DevelopmentKey,
    private readonly settings: { issuer: string; audience: string; sessionHours: number; clock: () => Date },
  ) {}

  async begin(): Promise<{ form: 'development' }> {
    return { form: 'development' };
  }

  async finish(input: DevelopmentIdentity | Record<string, string>): Promise<AccessToken> {
    const identity = input as DevelopmentIdentity;
    const issuedAt = Math.floor(this.settings.clock().getTime() / 1000);
    const expires = issuedAt + this.settings.sessionHours * 3600;
    const token = await mintToken({
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
    return { token, expiresAt: new Date(expires * 1000) };
  }
}

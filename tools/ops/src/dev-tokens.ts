// Development tokens signed with the dev key pair (`.infra/dev-keys`), which the services started
// by `npm start` trust. One token per (subject, roles, regions), cached for the process.
import type { Role } from '@kelisim/contracts/reference/people-vocabulary';
import { type DevKeys, loadOrCreateDevKeys, mintToken } from '@kelisim/service-kit/tokens';

export const devIssuer = 'kelisim-dev';
export const devAudience = 'kelisim';

export type TokenRequest = {
  sub: string;
  roles: Role[];
  regions: string[];
  groups?: string[];
  expiresIn?: string;
};

export class DevTokens {
  readonly #keys: Promise<DevKeys>;
  readonly #cache = new Map<string, Promise<string>>();

  constructor(keyDir: string) {
    this.#keys = loadOrCreateDevKeys(keyDir);
  }

  token(request: TokenRequest): Promise<string> {
    const id = JSON.stringify(request);
    let token = this.#cache.get(id);
    if (!token) {
      token = this.#keys.then((keys) =>
        mintToken({
          privateKeyPem: keys.privateKeyPem,
          kid: keys.kid,
          issuer: devIssuer,
          audience: devAudience,
          sub: request.sub,
          roles: request.roles,
          regions: request.regions,
          groups: request.groups ?? [],
          expiresIn: request.expiresIn ?? '1h',
        }),
      );
      this.#cache.set(id, token);
    }
    return token;
  }
}

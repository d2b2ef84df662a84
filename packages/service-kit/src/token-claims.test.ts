import { describe, expect, it } from 'vitest';
import { claimsOfPayload } from './token-claims.ts';

describe('the claims of a verified token', () => {
  it('reads the flat roles, territories and groups the realm maps into access tokens', () => {
    expect(
      claimsOfPayload({
        sub: 'u-1',
        roles: ['group_member'],
        regions: ['191000000'],
        groups: ['grp-191000000'],
      }),
    ).toEqual({ sub: 'u-1', roles: ['group_member'], regions: ['191000000'], groups: ['grp-191000000'] });
  });

  it("drops roles Kelisim does not know, such as Keycloak's own default roles", () => {
    const claims = claimsOfPayload({
      sub: 'u-1',
      roles: ['default-roles-kelisim', 'offline_access', 'supervisor'],
      regions: ['KZ'],
    });
    expect(claims?.roles).toEqual(['supervisor']);
  });

  it("reads Keycloak's realm_access.roles when the token has no roles claim", () => {
    const claims = claimsOfPayload({ sub: 'u-1', realm_access: { roles: ['uma_authorization', 'admin'] } });
    expect(claims?.roles).toEqual(['admin']);
  });

  it('grants nothing when the lists are missing', () => {
    expect(claimsOfPayload({ sub: 'svc-1' })).toEqual({ sub: 'svc-1', roles: [], regions: [], groups: [] });
  });

  it('refuses a token whose territory is not a KATO code', () => {
    expect(claimsOfPayload({ sub: 'u-1', roles: ['mediator'], regions: ['Almaty'] })).toBeNull();
  });

  it('refuses roles that are not a list', () => {
    expect(claimsOfPayload({ sub: 'u-1', roles: 'admin' })).toBeNull();
  });
});

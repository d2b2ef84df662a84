import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession, saveSession, sessionToken } from './device-login.ts';

const session = {
  issuer: 'http://127.0.0.1:8180/realms/kelisim',
  clientId: 'kelisim-ops',
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresAt: 1_000_000,
};

describe("the operator's saved session", () => {
  it('is readable by its owner only', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ops-')), 'nested', 'ops-session.json');
    saveSession(file, session);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSession(file)).toEqual(session);
  });

  it('gives its access token while it is valid, and nothing when there is no session', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ops-')), 'ops-session.json');
    expect(await sessionToken(file)).toBeNull();
    saveSession(file, session);
    expect(await sessionToken(file, () => 0)).toBe('access');
  });
});

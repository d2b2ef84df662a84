// `ops login` against the realm's real Keycloak: the command starts the device grant and waits;
// the operator opens the printed address, signs in on Keycloak's page and grants access; the
// command then holds a token the services accept. `ops logout` ends the Keycloak session, so the
// saved refresh token is worthless afterwards.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '@kelisim/service-kit/auth';
import {
  keycloakStartTimeoutMs,
  startKeycloak,
  type TestKeycloak,
} from '@kelisim/service-kit/testing/keycloak';
import { CookieJar, send, submitKeycloakLogin } from '@kelisim/service-kit/testing/keycloak-page';
import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { deviceLogin, discover, loadSession, logout, sessionToken } from './device-login.ts';

const demoPassword = process.env.KELISIM_DEMO_PASSWORD ?? 'kelisim-demo-pass';

let keycloak: TestKeycloak;

beforeAll(async () => {
  keycloak = await startKeycloak();
}, keycloakStartTimeoutMs);

/**
 * The operator, in a browser: opens the address the command printed, signs in, and answers
 * Keycloak's question whether the command line may act for them (`accept` or `cancel`).
 */
async function answerOnKeycloak(address: string, answer: 'accept' | 'cancel'): Promise<Response> {
  const jar = new CookieJar();
  const follow = async (response: Response) => {
    let current = response;
    for (let hops = 0; hops < 5 && current.status >= 300 && current.status < 400; hops += 1) {
      current = await send(jar, new URL(current.headers.get('location') ?? '', address).href);
    }
    return current;
  };
  const question = await follow(await submitKeycloakLogin(jar, address, 'admin', demoPassword));
  const html = await question.text();
  const action = /<form[^>]*action="([^"]*login-actions\/consent[^"]*)"/.exec(html)?.[1];
  const code = /name="code" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !code) throw new Error(`no consent form on Keycloak's page (${question.status})`);
  return follow(
    await send(jar, new URL(action.replaceAll('&amp;', '&'), address).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code, [answer]: '' }),
    }),
  );
}

/** Runs `ops login` while the operator answers in the browser; both outcomes, settled. */
async function loginAnswering(sessionFile: string, answer: 'accept' | 'cancel') {
  const printed: string[] = [];
  let answered: Promise<Response> = Promise.reject(new Error('no address printed'));
  answered.catch(() => {});
  const login = deviceLogin({ issuer: keycloak.issuer, clientId: 'kelisim-ops', sessionFile }, (line) => {
    printed.push(line);
    const address = /^open (\S+) and sign in$/.exec(line)?.[1];
    if (address) answered = answerOnKeycloak(address, answer);
  });
  const [session] = await Promise.allSettled([login]);
  return { session, page: await answered, printed };
}

describe('ops login (device authorization grant)', () => {
  it('signs the operator in through Keycloak, keeps a token the services accept, and logout ends it', async () => {
    const sessionFile = join(mkdtempSync(join(tmpdir(), 'ops-login-')), 'ops-session.json');
    const { session: outcome, page, printed } = await loginAnswering(sessionFile, 'accept');
    expect(page.status).toBe(200);
    expect(printed[1]).toMatch(/^code: [A-Z]{4}-[A-Z]{4} /);
    if (outcome.status !== 'fulfilled') throw outcome.reason;
    const session = outcome.value;

    const verify = createTokenVerifier({
      issuer: keycloak.issuer,
      audience: 'kelisim',
      key: { jwksUrl: keycloak.jwksUrl },
    });
    const principal = await verify(session.accessToken);
    expect(principal.roles).toContain('admin');
    expect(await sessionToken(sessionFile)).toBe(session.accessToken);

    // Past its expiry, the saved session refreshes itself through Keycloak.
    const later = () => session.expiresAt + 1_000;
    expect(await sessionToken(sessionFile, later)).not.toBe(session.accessToken);

    const refreshToken = loadSession(sessionFile)?.refreshToken;
    expect(await logout(sessionFile)).toBe(true);
    expect(existsSync(sessionFile)).toBe(false);
    const config = await discover({ issuer: keycloak.issuer, clientId: 'kelisim-ops' });
    await expect(oidc.refreshTokenGrant(config, refreshToken ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  }, 120_000);
  it("saves nothing when the operator declines on Keycloak's page", async () => {
    const sessionFile = join(mkdtempSync(join(tmpdir(), 'ops-login-')), 'ops-session.json');
    const { session } = await loginAnswering(sessionFile, 'cancel');
    expect(session.status).toBe('rejected');
    expect((session as PromiseRejectedResult).reason).toMatchObject({ error: 'access_denied' });
    expect(existsSync(sessionFile)).toBe(false);
  }, 120_000);
});

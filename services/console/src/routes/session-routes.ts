// Signing in and out, and who is signed in.
// - OpenID Connect: GET /auth/sign-in?returnTo=<path> sends the browser to Keycloak's login page;
//   GET /auth/callback finishes the sign-in and opens a session under a new id; DELETE
//   /api/session ends it and answers where to go to end Keycloak's session too.
// - Development (SIGN_IN=development only): POST /api/session with the form's identity, validated
//   here with the contracts' token-claims schema; group memberships follow from the territory, as
//   the notifications directory names groups (`grp-<KATO>`, `grp-kz`).
import { tokenClaimsSchema } from '@kelisim/contracts/api/token-claims';
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { isDistrictOf } from '@kelisim/contracts/reference/regions';
import { NotFoundError, UnauthorizedError, ValidationError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { sameOriginPath } from '../sign-in/return-to.ts';
import {
  clearCookie,
  readCookie,
  sessionCookie,
  setCookie,
  signInCookie,
} from '../sign-in/session-cookie.ts';
import type { CurrentSession } from '../sign-in/sessions.ts';
import { languageCookie } from './web-routes.ts';

const publicRoute = { config: { public: true }, schema: { hide: true } };

const developmentForm = z.strictObject({
  sub: tokenClaimsSchema.shape.sub,
  role: tokenClaimsSchema.shape.roles.unwrap().element,
  regions: z.array(tokenClaimsSchema.shape.regions.unwrap().element).min(1).max(20),
  /** A group member of a district group picks the district. */
  district: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});

export function groupsFor(role: string, regions: readonly string[], district: string | undefined): string[] {
  if (role !== 'group_member') return [];
  if (district) return [`grp-${district}`];
  return regions.map((code) => (code === wholeRepublic ? 'grp-kz' : `grp-${code}`));
}

/** The signed-in principal and a current access token; 401 without a live session. */
export async function sessionOf(
  deps: Pick<AppDeps, 'sessions'>,
  request: FastifyRequest,
): Promise<CurrentSession & { id: string }> {
  const id = readCookie(request.headers.cookie, sessionCookie);
  if (!id) throw new UnauthorizedError('Sign in first.');
  const current = await deps.sessions.current(id);
  if (!current) throw new UnauthorizedError('The session has ended; sign in again.', true);
  return { ...current, id };
}

/**
 * The person's name as the identity provider wrote it into the access token (`name`, else
 * `preferred_username`), for the console to greet them by; the token was verified when the session
 * gave it. Development tokens carry none.
 */
function displayNameOf(token: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    for (const claim of [claims.name, claims.preferred_username]) {
      if (typeof claim === 'string' && claim.trim() !== '') return claim.trim().slice(0, 200);
    }
  } catch {
    // Not a JWT we can read: no name, the console falls back to the user id it was signed in with.
  }
  return null;
}

export function registerSessionRoutes(app: HttpApp, deps: AppDeps): void {
  const secure = deps.secureCookies;
  const strict = { secure, sameSite: 'Strict' } as const;
  const lax = { secure, sameSite: 'Lax', path: '/auth' } as const;
  const { identity, sessions } = deps;

  function openSession(
    request: FastifyRequest,
    reply: FastifyReply,
    opened: { id: string; expiresAt: Date },
  ) {
    reply.header(
      'set-cookie',
      setCookie(sessionCookie, opened.id, { ...strict, expiresAt: opened.expiresAt }),
    );
    request.log.info({ provider: identity.kind }, 'signed in');
  }

  app.get('/api/sign-in', publicRoute, async () =>
    identity.kind === 'development'
      ? { kind: identity.kind, form: 'development' }
      : { kind: identity.kind, redirect: '/auth/sign-in' },
  );

  app.get('/api/session', publicRoute, async (request) => {
    const { principal, token } = await sessionOf(deps, request);
    const name = displayNameOf(token);
    return {
      sub: principal.sub,
      ...(name ? { name } : {}),
      roles: principal.roles,
      regions: principal.regions,
      groups: principal.groups,
    };
  });

  app.get<{ Querystring: { returnTo?: string } }>('/auth/sign-in', publicRoute, async (request, reply) => {
    if (identity.kind !== 'openid-connect') throw new NotFoundError('Sign in with the development form.');
    const asked = typeof request.query.returnTo === 'string' ? request.query.returnTo : '/';
    const returnTo = sameOriginPath(asked, deps.publicUrl);
    if (returnTo === null)
      throw new ValidationError([{ path: '/query/returnTo', message: 'must be a path of this console' }]);
    const lang = readCookie(request.headers.cookie, languageCookie);
    const { signInId, redirect } = await sessions.beginSignIn(
      identity,
      returnTo,
      lang === 'ru' ? 'ru' : 'kk',
    );
    return reply
      .header('set-cookie', setCookie(signInCookie, signInId, { ...lax, maxAgeSeconds: 600 }))
      .redirect(redirect, 303);
  });

  app.get('/auth/callback', publicRoute, async (request, reply) => {
    if (identity.kind !== 'openid-connect') throw new NotFoundError('Sign in with the development form.');
    const signInId = readCookie(request.headers.cookie, signInCookie);
    reply.header('set-cookie', clearCookie(signInCookie, lax));
    const callbackUrl = new URL(request.url, identity.redirectUri);
    // The provider's refusal (the person cancelled, an error): back to the console's sign-in page.
    if (callbackUrl.searchParams.has('error') || !signInId) return reply.redirect('/', 303);
    let finished: Awaited<ReturnType<typeof sessions.finishSignIn>>;
    try {
      finished = await sessions.finishSignIn(identity, signInId, callbackUrl);
    } catch (error) {
      request.log.warn({ err: error }, 'sign-in refused at the callback');
      throw new UnauthorizedError('The sign-in could not be completed; sign in again.');
    }
    if (!finished) throw new UnauthorizedError('The sign-in is unknown or too old; sign in again.');
    const opened = await sessions.open(finished.tokens, readCookie(request.headers.cookie, sessionCookie));
    openSession(request, reply, opened);
    return reply.redirect(finished.returnTo, 303);
  });

  app.post('/api/session', publicRoute, async (request, reply) => {
    if (identity.kind !== 'development') throw new UnauthorizedError('Sign in with the identity provider.');
    const parsed = developmentForm.safeParse(request.body);
    if (!parsed.success) {
      throw new ValidationError(
        parsed.error.issues.map((issue) => ({
          path: `/body/${issue.path.join('/')}`,
          message: issue.message,
        })),
      );
    }
    const { sub, role, regions, district } = parsed.data;
    if (district && !regions.some((region) => isDistrictOf(district, region))) {
      throw new ValidationError([
        { path: '/body/district', message: 'the district is not in the regions chosen' },
      ]);
    }
    const tokens = await identity.finish({
      sub,
      roles: [role],
      regions,
      groups: groupsFor(role, regions, district),
    });
    const opened = await sessions.open(tokens, readCookie(request.headers.cookie, sessionCookie));
    openSession(request, reply, opened);
    return reply.status(204).send();
  });

  // Ends the session here for good, and says where the browser goes to end the provider's too.
  app.delete('/api/session', publicRoute, async (request, reply) => {
    const id = readCookie(request.headers.cookie, sessionCookie);
    const tokens = id ? await sessions.close(id) : null;
    reply.header('set-cookie', clearCookie(sessionCookie, strict));
    if (identity.kind === 'development') return reply.status(204).send();
    request.log.info('signed out');
    return { redirect: await identity.endSessionUrl(tokens?.idToken) };
  });
}

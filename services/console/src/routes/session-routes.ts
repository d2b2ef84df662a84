// Signing in and out, and who is signed in. The development form's identity is validated here, at
// the edge, with the contracts' token-claims schema; its group memberships follow from the
// territory chosen, as the notifications directory names groups (`grp-<KATO>`, `grp-kz`).
import { tokenClaimsSchema } from '@kelisim/contracts/api/token-claims';
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { isDistrictOf } from '@kelisim/contracts/reference/regions';
import { UnauthorizedError, ValidationError } from '@kelisim/service-kit/errors';
import type { HttpApp } from '@kelisim/service-kit/http';
import type { Principal } from '@kelisim/service-kit/principal';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import {
  readCookie,
  sessionClearCookie,
  sessionCookie,
  sessionSetCookie,
} from '../sign-in/session-cookie.ts';

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

/** The signed-in principal and its token; 401 without a valid session cookie. */
export async function sessionOf(
  deps: Pick<AppDeps, 'verify'>,
  request: FastifyRequest,
): Promise<{ principal: Principal; token: string }> {
  const token = readCookie(request.headers.cookie, sessionCookie);
  if (!token) throw new UnauthorizedError('Sign in first.');
  try {
    return { principal: await deps.verify(token), token };
  } catch {
    throw new UnauthorizedError('The session has ended; sign in again.', true);
  }
}

export function registerSessionRoutes(app: HttpApp, deps: AppDeps): void {
  const secure = deps.secureCookies;

  app.get('/api/sign-in', publicRoute, async () => ({
    kind: deps.identity.kind,
    ...(await deps.identity.begin('/')),
  }));

  app.get('/api/session', publicRoute, async (request) => {
    const { principal } = await sessionOf(deps, request);
    return {
      sub: principal.sub,
      roles: principal.roles,
      regions: principal.regions,
      groups: principal.groups,
    };
  });

  app.post('/api/session', publicRoute, async (request, reply) => {
    if (deps.identity.kind !== 'development')
      throw new UnauthorizedError('Sign in with the identity provider.');
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
    const access = await deps.identity.finish({
      sub,
      roles: [role],
      regions,
      groups: groupsFor(role, regions, district),
    });
    request.log.info({ role }, 'development sign-in');
    return reply
      .header('set-cookie', sessionSetCookie(access.token, access.expiresAt, secure))
      .status(204)
      .send();
  });

  app.delete('/api/session', publicRoute, async (_request, reply) =>
    reply.header('set-cookie', sessionClearCookie(secure)).status(204).send(),
  );
}

// Services are OAuth2 resource servers (DESIGN.md §7): every request but the operational ones
// carries a bearer JWT, verified here against a configured public key or a JWKS URL, and turned
// into a typed `request.principal`. Scoping rules live in principal.ts.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type { BaseServiceConfig } from './config.ts';
import { UnauthorizedError } from './errors.ts';
import type { Principal } from './principal.ts';
import { claimsOfPayload } from './token-claims.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, or null on public routes and before authentication. */
    verifiedPrincipal: Principal | null;
    /** The verified caller; reading it on a public route throws 401. */
    readonly principal: Principal;
  }
  interface FastifyContextConfig {
    /** Serve the route without a token (health, metrics, docs). */
    public?: boolean;
  }
}

export type AuthOptions = {
  issuer: string;
  audience: string;
  key: { publicKeyPem: string } | { jwksUrl: string; cooldownMs?: number };
  /** Accepted clock skew between the token issuer and this host. */
  clockToleranceSeconds?: number;
  /** How many verified tokens are remembered (0: none), each for at most `cacheSeconds`. */
  cacheSize?: number;
  cacheSeconds?: number;
};

export type TokenVerifier = (token: string) => Promise<Principal>;

// Only asymmetric algorithms, and only those that fit the key: this is what refuses `alg: none`
// and the HS256-signed-with-the-public-key confusion (RFC 8725 §2.1, §3.1).
const jwksAlgorithms = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const ecAlgorithms: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

export function algorithmsForKey(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'PS256'];
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
    case 'ec': {
      const alg = ecAlgorithms[key.asymmetricKeyDetails?.namedCurve ?? ''];
      if (alg) return [alg];
      break;
    }
  }
  throw new Error(`unsupported key type for JWT signatures: ${key.asymmetricKeyType ?? key.type}`);
}

type AuthConfig = Pick<
  BaseServiceConfig,
  'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_PUBLIC_KEY' | 'JWKS_URL' | 'DEV_JWT_ISSUER' | 'DEV_JWT_PUBLIC_KEY'
>;

/** The verifier a service runs with: the realm's issuer, and in development the local key's too. */
export function verifierFromConfig(config: AuthConfig): TokenVerifier {
  const trusted = [authOptionsFromConfig(config)];
  if (config.DEV_JWT_ISSUER && config.DEV_JWT_PUBLIC_KEY) {
    trusted.push({
      issuer: config.DEV_JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      key: { publicKeyPem: config.DEV_JWT_PUBLIC_KEY },
    });
  }
  return createIssuersVerifier(trusted);
}

/**
 * Verifies a token with the settings of the issuer it names: the `iss` read before verification
 * only chooses the key, which the verification then checks against that same issuer.
 */
export function createIssuersVerifier(trusted: readonly AuthOptions[]): TokenVerifier {
  const byIssuer = new Map(trusted.map((options) => [options.issuer, createTokenVerifier(options)]));
  return async (token) => {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthorizedError('The token is not valid.', true);
    }
    const verify = typeof issuer === 'string' ? byIssuer.get(issuer) : undefined;
    if (!verify) throw new UnauthorizedError('The token is not valid.', true);
    return verify(token);
  };
}

export function authOptionsFromConfig(
  config: Pick<BaseServiceConfig, 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_PUBLIC_KEY' | 'JWKS_URL'>,
): AuthOptions {
  const audience = config.JWT_AUDIENCE;
  if (config.JWKS_URL) return { issuer: config.JWT_ISSUER, audience, key: { jwksUrl: config.JWKS_URL } };
  if (config.JWT_PUBLIC_KEY)
    return { issuer: config.JWT_ISSUER, audience, key: { publicKeyPem: config.JWT_PUBLIC_KEY } };
  throw new Error('neither JWT_PUBLIC_KEY nor JWKS_URL is configured'); // parseConfig prevents this
}

export function createTokenVerifier(options: AuthOptions): TokenVerifier {
  let key: KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if ('jwksUrl' in options.key) {
    // Fetched lazily and cached; an unknown `kid` refetches, so keys rotate without a restart.
    key = createRemoteJWKSet(new URL(options.key.jwksUrl), {
      cooldownDuration: options.key.cooldownMs ?? 30_000,
    });
    algorithms = jwksAlgorithms;
  } else {
    key = createPublicKey(options.key.publicKeyPem);
    algorithms = algorithmsForKey(key);
  }
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: options.clockToleranceSeconds ?? 5,
  };

  // A client sends the same token with every request until it expires, and checking its
  // signature is most of the edge's CPU for a read (about 0.2 ms for ES256: issue 11's profile).
  // A verified token's principal is remembered until its expiry, and never longer than
  // `cacheSeconds` (a minute), which is small beside the ten minutes jose keeps a fetched JWKS.
  // A refused token is never remembered: it is checked again every time.
  const cacheSize = options.cacheSize ?? 10_000;
  const cacheMs = (options.cacheSeconds ?? 60) * 1000;
  const verified = new Map<string, { principal: Principal; until: number }>();

  const verify: TokenVerifier = async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      // A JWKS endpoint that does not answer is our outage, not the caller's bad token.
      if (!(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout) throw error;
      const expired = error instanceof joseErrors.JWTExpired;
      throw new UnauthorizedError(expired ? 'The token has expired.' : 'The token is not valid.', true);
    }
    const claims = claimsOfPayload(payload);
    if (!claims) throw new UnauthorizedError('The token does not carry valid claims.', true);
    return claims;
  };
  if (cacheSize === 0) return verify;

  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.until > now) return known.principal;
    if (known) verified.delete(token);
    const principal = await verify(token);
    const expiresAt = decodeJwt(token).exp;
    const until = Math.min(now + cacheMs, typeof expiresAt === 'number' ? expiresAt * 1000 : now);
    // Oldest first out: a Map iterates in insertion order.
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
    verified.set(token, { principal, until });
    return principal;
  };
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer +([\w.~+/-]+=*)$/i);
  return match?.[1];
}

// RFC 6750 §2.3's query parameter, and the names clients use instead of it.
const tokenParameters = new Set(['access_token', 'token', 'bearer', 'jwt', 'id_token', 'authorization']);

/** The name of a query parameter that carries a token, if the URL has one. */
function tokenParameterOf(query: unknown): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  return Object.keys(query).find((name) => tokenParameters.has(name.toLowerCase()));
}

/**
 * Authenticates every request before its body is read, except on routes whose config says
 * `public: true` and on unmatched URLs (they answer 404 either way). A token is read from the
 * Authorization header only; one in the URL is refused (RFC 6750 §5.3: not in page URLs).
 */
export function registerAuth(app: FastifyInstance, verify: TokenVerifier): void {
  app.decorateRequest('verifiedPrincipal', null);
  app.decorateRequest('principal', {
    getter(this: FastifyRequest): Principal {
      if (!this.verifiedPrincipal) throw new UnauthorizedError();
      return this.verifiedPrincipal;
    },
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public || request.is404) return;
    const inUrl = tokenParameterOf(request.query);
    if (inUrl) {
      throw new UnauthorizedError(
        `A token in the URL (\`${inUrl}\`) is refused: URLs end up in logs and browser history. Send it in the Authorization header (RFC 6750 §2.1).`,
        true,
      );
    }
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedError();
    request.verifiedPrincipal = await verify(token);
  });
}

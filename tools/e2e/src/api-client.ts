// The tests' only way into the platform: the services' public HTTP APIs, with bearer tokens
// minted for the role, territory and groups of the person acting.

import type { ServiceName } from '@kelisim/launcher/service-process';
import type { TestTokenClaims } from '@kelisim/service-kit/testing/tokens';
import type { Platform } from './platform-harness.ts';

export type ApiAnswer = { status: number; json: Record<string, unknown>; etag: string | null };

export type Actor = { sub: string } & TestTokenClaims;

export class ApiClient {
  constructor(private readonly platform: Platform) {}

  async call(
    service: ServiceName,
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    // Long-lived: a service restarted with its clock moved forward still accepts the token.
    const token = await this.platform.auth.mint({ expiresIn: '30d', ...actor });
    const response = await fetch(`${this.platform.url(service)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      etag: response.headers.get('etag'),
    };
  }

  /** A file the service writes (a PDF, a register): its status, type and bytes. */
  async download(
    service: ServiceName,
    actor: Actor,
    path: string,
  ): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const token = await this.platform.auth.mint({ expiresIn: '30d', ...actor });
    const response = await fetch(`${this.platform.url(service)}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** A call that must succeed (2xx); its JSON body. */
  async ok(
    service: ServiceName,
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    const answer = await this.call(service, actor, method, path, body);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(
        `${method} ${service}${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`,
      );
    }
    return answer.json;
  }
}

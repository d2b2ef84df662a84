// A small JSON client of one service's public HTTP API, as the seed uses it: a bearer token per
// call, an Idempotency-Key on creations, and problem+json errors turned into ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { code?: string; title?: string; detail?: string; [key: string]: unknown },
    where: string,
  ) {
    super(`${where}: ${status} ${problem.code ?? ''} ${problem.detail ?? problem.title ?? ''}`.trim());
  }
}

export type CallOptions = { token: string; idempotencyKey?: string; body?: unknown };

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, options: CallOptions): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) throw new ApiError(response.status, json, `${method} ${path}`);
    return json as T;
  }

  get<T = Record<string, unknown>>(path: string, token: string): Promise<T> {
    return this.call<T>('GET', path, { token });
  }

  post<T = Record<string, unknown>>(path: string, options: CallOptions): Promise<T> {
    return this.call<T>('POST', path, options);
  }
}

/** Whether an error is the given HTTP status (and problem code, when given). */
export function isProblem(error: unknown, status: number, code?: string): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === status &&
    (code === undefined || error.problem.code === code)
  );
}

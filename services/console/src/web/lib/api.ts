// The browser's only way to the services: the console backend's /api/<service>/… proxy, which adds
// the user's token. Answers keep their status, ETag and problem+json body (RFC 9457).
import { recall, remember } from './vault.ts';

export type Service = 'case-intake' | 'mediator-training' | 'regional-monitoring' | 'notifications';

/** A problem answer (RFC 9457): `title`, `detail` and field messages come in the language asked for. */
export type Problem = {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  /** `code` names the rule (`required`, `too_long`, …), `message` says it in the user's language. */
  errors?: { path: string; code?: string; message: string }[];
  /** The answer's Content-Language: the language `detail` is in (set by `call`). */
  language?: string;
};

export type Answer<T> = { status: number; ok: boolean; json: T; etag: string | null };

export class NetworkError extends Error {}

export type CallOptions = {
  method?: string;
  body?: unknown;
  ifMatch?: string;
  idempotencyKey?: string;
  /** The language to answer in, when not the page's (a refusal asked for again after a switch). */
  language?: 'kk' | 'ru';
};

/** Calls an API; throws NetworkError when the console cannot be reached (offline). */
export async function call<T = Record<string, unknown>>(
  service: Service | null,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  // The services say problems in the language the console is shown in (i18n.ts keeps it on <html>).
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': options.language ?? (document.documentElement.lang === 'ru' ? 'ru' : 'kk'),
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  // A service's answers to GET are kept sealed in the person's vault, to be read without a connection.
  const kept = service !== null && method === 'GET' ? `${service}${path}` : null;
  let response: Response;
  try {
    response = await fetch(service ? `/api/${service}${path}` : `/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch (error) {
    const last = kept ? await recall(kept) : undefined;
    if (last) return { status: 200, ok: true, json: last.json as T, etag: last.etag };
    throw new NetworkError(String(error));
  }
  const text = await response.text();
  let json: unknown = {};
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    json = { status: response.status, detail: text.slice(0, 200) };
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('kelisim:signed-out'));
  const language = response.headers.get('content-language');
  if (!response.ok && language && typeof json === 'object' && json !== null)
    (json as Problem).language = language;
  const etag = response.headers.get('etag');
  if (kept && response.ok) remember(kept, { json, etag });
  return { status: response.status, ok: response.ok, json: json as T, etag };
}

/** A call that must succeed; a problem otherwise. */
export async function get<T>(service: Service, path: string): Promise<T> {
  const answer = await call<T>(service, path);
  if (!answer.ok) throw answer.json as unknown as Problem;
  return answer.json;
}

export type Page<T> = { items: T[]; nextCursor: string | null };

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

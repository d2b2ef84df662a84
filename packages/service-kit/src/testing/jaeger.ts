// Jaeger for the tests that read traces back (issue 24): a given one (JAEGER_URL with
// OTEL_EXPORTER_OTLP_ENDPOINT), else the one infra/local runs (`infra.sh start jaeger`,
// idempotent; its first start builds it from the Go module proxy, a few minutes). Only test files
// that call this pay for it. Traces are read through Jaeger's query API, as the UI reads them.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { env } from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A first start builds Jaeger (about four minutes cold on two busy cores). */
export const jaegerStartTimeoutMs = 600_000;

/** One span as Jaeger's query API gives it (`/api/traces/<id>`). */
export type JaegerSpan = {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: string; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  processID: string;
  tags: { key: string; value: unknown }[];
};
export type JaegerTrace = {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
};

export type TestJaeger = {
  /** Where the services send spans (OTEL_EXPORTER_OTLP_ENDPOINT). */
  otlpEndpoint: string;
  /** The UI and query API. */
  url: string;
  /** Traces of a service since a time, optionally of one operation (`POST /cases`). */
  traces(query: { service: string; operation?: string; sinceMs: number }): Promise<JaegerTrace[]>;
  trace(traceId: string): Promise<JaegerTrace | undefined>;
};

export async function startJaeger(): Promise<TestJaeger> {
  let url = env.JAEGER_URL?.replace(/\/+$/, '');
  let otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!url || !otlpEndpoint) {
    await promisify(execFile)('bash', [resolve(repoRoot, 'infra/local/infra.sh'), 'start', 'jaeger'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: jaegerStartTimeoutMs,
    });
    url = `http://127.0.0.1:${env.KELISIM_JAEGER_UI_PORT ?? '16686'}`;
    otlpEndpoint = `http://127.0.0.1:${env.KELISIM_JAEGER_OTLP_HTTP_PORT ?? '4318'}`;
  }
  const base = url;
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`Jaeger ${path}: ${response.status}`);
    return ((await response.json()) as { data: JaegerTrace[] | null }).data ?? [];
  };
  return {
    otlpEndpoint,
    url: base,
    traces: ({ service, operation, sinceMs }) => {
      const query = new URLSearchParams({ service, start: String(sinceMs * 1000), limit: '100' });
      if (operation) query.set('operation', operation);
      return get(`/api/traces?${query}`);
    },
    trace: async (traceId) => (await get(`/api/traces/${traceId}`))[0],
  };
}

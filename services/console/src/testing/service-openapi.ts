// Each service's OpenAPI document as its own buildApp describes it, without a database, a broker
// or a port: the app is built on inert dependencies (anything read or called on them is another
// inert value) and never listens, so only route registration runs. The services are imported by
// path at run time, not by type, so the console's type check stays its own (STYLE.md rule 3).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';

export type Operation = { service: string; operationId: string; method: string; path: string };

const servicesDir = fileURLToPath(new URL('../../../', import.meta.url));
const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;

function inert(): unknown {
  return new Proxy(() => undefined, {
    get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : inert()),
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

/** The services with an HTTP API of their own (every `services/<name>/src/app.ts` but the console's). */
export function servicesWithApis(): string[] {
  return readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'console')
    .filter((entry) => readdirSync(`${servicesDir}${entry.name}/src`).includes('app.ts'))
    .map((entry) => entry.name)
    .sort();
}

type BuiltApp = { ready(): Promise<unknown>; swagger(): unknown; close(): Promise<unknown> };

export async function openApiDocument(service: string): Promise<{ paths: Record<string, object> }> {
  const module = (await import(`${servicesDir}${service}/src/app.ts`)) as {
    buildApp(deps: unknown): Promise<BuiltApp>;
  };
  const given: Record<string, unknown> = { logger: pino({ level: 'silent' }) };
  const optional = new Set(['httpGuards', 'metricsRegistry']);
  const deps = new Proxy(given, {
    get: (target, key: string) => (key in target ? target[key] : optional.has(key) ? undefined : inert()),
    has: () => true,
  });
  const app = await module.buildApp(deps);
  await app.ready();
  const document = app.swagger() as { paths: Record<string, object> };
  await app.close();
  return document;
}

export async function operationsOf(service: string): Promise<Operation[]> {
  const document = await openApiDocument(service);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods
      .filter((method) => method in item)
      .map((method) => ({
        service,
        method: method.toUpperCase(),
        path,
        operationId: String((item as Record<string, { operationId?: string }>)[method]?.operationId),
      })),
  );
}

// The free-text fields of an API, read from its OpenAPI document: request-body strings that no
// enum, pattern or format constrains (names, notes, agreements, comments, labels). A privacy test
// plants a marker in each through the API and looks for it in every log line; a field added
// tomorrow without a plant fails the test (DESIGN.md §7).

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

type Operation = { operationId?: string; requestBody?: { content?: Record<string, { schema?: Schema }> } };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** A free-text field: `POST /cases/{caseId}/record-session /notes` (`*` for array items). */
export type FreeTextField = { method: string; path: string; field: string };

const writeMethods = new Set(['post', 'put', 'patch', 'delete']);

function isFreeText(schema: Schema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return (
    types.includes('string') &&
    schema.enum === undefined &&
    schema.const === undefined &&
    schema.pattern === undefined &&
    schema.format === undefined
  );
}

function walk(schema: Schema | undefined, field: string, found: Set<string>): void {
  if (!schema) return;
  if (isFreeText(schema)) found.add(field);
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    walk(property, `${field}/${name}`, found);
  walk(schema.items, `${field}/*`, found);
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    walk(alternative, field, found);
  }
}

export function freeTextFields(document: OpenApiDocument): FreeTextField[] {
  const found: FreeTextField[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!writeMethods.has(method)) continue;
      const fields = new Set<string>();
      walk(operation.requestBody?.content?.['application/json']?.schema, '', fields);
      for (const field of [...fields].sort()) found.push({ method: method.toUpperCase(), path, field });
    }
  }
  return found;
}

function fieldsHolding(body: unknown, marker: string, field = ''): string[] {
  if (typeof body === 'string') return body.includes(marker) ? [field] : [];
  if (Array.isArray(body)) return body.flatMap((item) => fieldsHolding(item, marker, `${field}/*`));
  if (body !== null && typeof body === 'object') {
    return Object.entries(body).flatMap(([name, value]) => fieldsHolding(value, marker, `${field}/${name}`));
  }
  return [];
}

type Injectable = { inject: (options: never) => unknown };
type InjectOptions = { method?: string; url?: string; payload?: unknown };

/**
 * Watches the requests a test sends through `app.inject` (passing each on unchanged) and answers
 * which free-text fields of the document never carried the marker.
 */
export function watchPlants(
  app: Injectable,
  marker: string,
): { unplanted: (document: OpenApiDocument) => string[] } {
  const planted: Array<{ method: string; url: string; field: string }> = [];
  const inject = app.inject.bind(app) as (options: InjectOptions) => unknown;
  app.inject = ((options: InjectOptions) => {
    if (options && typeof options === 'object') {
      const payload = typeof options.payload === 'string' ? safeJson(options.payload) : options.payload;
      const url = (options.url ?? '').split('?')[0] ?? '';
      for (const field of fieldsHolding(payload, marker)) {
        planted.push({ method: (options.method ?? 'GET').toUpperCase(), url, field });
      }
    }
    return inject(options);
  }) as Injectable['inject'];
  return {
    unplanted: (document) =>
      freeTextFields(document)
        .filter(({ method, path, field }) => {
          const template = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          return !planted.some(
            (plant) => plant.method === method && template.test(plant.url) && plant.field === field,
          );
        })
        .map(({ method, path, field }) => `${method} ${path} ${field}`),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

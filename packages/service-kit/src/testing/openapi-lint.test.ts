import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp } from '../http.ts';
import { createLogger } from '../log.ts';
import { lintOpenApi } from './openapi-lint.ts';
import { createTestAuth } from './tokens.ts';

const auth = await createTestAuth();
const logger = createLogger({ service: 'openapi-lint-test', level: 'silent' });

async function appWith(register: (app: Awaited<ReturnType<typeof buildHttpApp>>) => void) {
  const app = await buildHttpApp({
    service: 'openapi-lint-test',
    logger,
    auth: auth.verifier,
    readiness: async () => ({}),
  });
  register(app);
  await app.ready();
  return app;
}

describe('the OpenAPI document the kit builds', () => {
  it('passes the recommended rules with no error: servers, licence, every operation named', async () => {
    const app = await appWith((app) => {
      app.get(
        '/things/:thingId',
        {
          schema: {
            summary: 'A thing',
            operationId: 'getThing',
            params: z.object({ thingId: z.string() }),
            response: { 200: z.object({ id: z.string() }) },
          },
        },
        async (request) => ({ id: request.params.thingId }),
      );
    });
    const document = app.swagger() as { servers?: unknown[]; info: { license?: { name: string } } };
    expect(document.servers).toHaveLength(1);
    expect(document.info.license?.name).toBe('Apache-2.0');
    expect((await lintOpenApi(document)).errors).toEqual([]);
    await app.close();
  });

  it('reports an operation documented without a summary', async () => {
    const app = await appWith((app) => {
      app.get('/unnamed', async () => ({}));
    });
    const { errors } = await lintOpenApi(app.swagger());
    expect(errors).toEqual([expect.stringMatching(/^operation-summary at #\/paths\/~1unnamed\/get/)]);
    await app.close();
  });

  it('refuses to register a route with a schema but no summary or operationId', async () => {
    const app = await buildHttpApp({
      service: 'openapi-lint-test',
      logger,
      auth: auth.verifier,
      readiness: async () => ({}),
    });
    expect(() =>
      app.get('/nameless', { schema: { response: { 200: z.object({}) } } }, async () => ({})),
    ).toThrow(/GET \/nameless: a documented route needs schema.summary and schema.operationId/);
    await app.close();
  });
});

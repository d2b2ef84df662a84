// A member's own preferences (issue 23): the language of their alerts and their channels, read
// and replaced by the member themself with their own token. `ETag` / `If-Match` as everywhere;
// `"0"` stands for "not set yet". Systems keep subscribing by signed webhook (the directory).
import { memberLanguageSchema, memberPreferencesBody } from '@kelisim/contracts/api/notifications';
import { etagOf, expectedVersionFrom } from '@kelisim/service-kit/etag';
import type { HttpApp } from '@kelisim/service-kit/http';
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';
import type { StoredPreferences } from '../store/preferences-store.ts';
import type { RouteDeps } from './route-deps.ts';

const preferencesView = z.object({
  /** Null until the member chooses: each membership's language and channels apply meanwhile. */
  language: memberLanguageSchema.nullable(),
  channels: z.object({ inbox: z.boolean(), email: z.boolean() }).nullable(),
  timeZone: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});

function view(stored: StoredPreferences | null): z.output<typeof preferencesView> {
  return stored
    ? {
        language: stored.language,
        channels: { ...stored.channels },
        timeZone: stored.timeZone,
        updatedAt: stored.updatedAt.toISOString(),
        version: stored.version,
      }
    : { language: null, channels: null, timeZone: null, updatedAt: null, version: 0 };
}

export function registerPreferenceRoutes(
  app: HttpApp,
  { preferences, clock }: Pick<RouteDeps, 'preferences' | 'clock'>,
): void {
  app.get(
    '/me/preferences',
    {
      schema: {
        summary: "The caller's own alert preferences: language and channels",
        operationId: 'getMyPreferences',
        tags: ['preferences'],
        response: { 200: preferencesView, ...problemResponses() },
      },
    },
    async (request, reply) => {
      const stored = await preferences.get(request.principal.sub);
      return reply.header('etag', etagOf(stored?.version ?? 0)).send(view(stored));
    },
  );

  app.put(
    '/me/preferences',
    {
      schema: {
        summary: "Replace the caller's own alert preferences",
        operationId: 'putMyPreferences',
        tags: ['preferences'],
        body: memberPreferencesBody,
        response: { 200: preferencesView, ...problemResponses(412) },
      },
    },
    async (request, reply) => {
      const stored = await preferences.put(
        request.principal.sub,
        request.body,
        expectedVersionFrom(request),
        clock(),
      );
      return reply.header('etag', etagOf(stored.version)).send(view(stored));
    },
  );
}

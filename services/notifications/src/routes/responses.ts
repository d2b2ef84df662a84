// Response schemas for the routes whose bodies have no view schema of their own yet (issue 10:
// generated requests met statuses and bodies the OpenAPI document never mentioned). Open objects
// document the members clients rely on; the kit adds its own answers (400, 401, 413, 415, 429).
import { z } from 'zod';

export const openRecord = z.looseObject({});
export const openPage = z.looseObject({
  items: z.array(z.looseObject({})),
  nextCursor: z.string().nullable(),
});
export const noContent = z.null().describe('No content');
/** Server-sent events (`text/event-stream`), written by the route itself, never serialised. */
export const eventStream = z.string().describe('text/event-stream: one `alert` event per new alert');

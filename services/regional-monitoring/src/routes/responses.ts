// The answers each kind of route gives, for the OpenAPI document (issue 10: generated requests
// met statuses the document never mentioned). The kit adds its own (400, 401, 413, 415, 429, 503).
// Success bodies are documented as open objects with the members every client relies on; their
// full shapes live in the view functions (visit-view.ts, riskView, …).
import { problemResponses } from '@kelisim/service-kit/problem';
import { z } from 'zod';

/** A versioned record, echoed in the ETag. */
const record = z.looseObject({ version: z.number().int().min(0) });
const page = z.looseObject({ items: z.array(z.looseObject({})) });
const summary = z.looseObject({});

export const listResponses = { 200: page, ...problemResponses(403) };
export const readResponses = { 200: record, ...problemResponses(403, 404) };
/** A page or summary about one region: 404 when the region is not in the caller's territory. */
export const regionResponses = { 200: summary, ...problemResponses(403, 404) };
export const createResponses = { 200: record, 201: record, ...problemResponses(403, 404, 409, 412, 422) };
export const commandResponses = { 200: record, ...problemResponses(403, 404, 409, 412, 422) };

import { z } from 'zod';

// RFC 9457 problem details (https://www.rfc-editor.org/rfc/rfc9457), served as
// `application/problem+json`, with an `errors` extension listing what failed validation. `title`,
// `detail` and the field messages follow the request's `Accept-Language` (kk, ru, en; default en,
// answered with `Content-Language`); `type` and `code` do not.

export const problemContentType = 'application/problem+json';

export const validationErrorSchema = z.object({
  /** Where the error is, as a JSON Pointer (RFC 6901) into the request: `/body/parties/0/language`. */
  path: z.string(),
  /** The rule that failed, stable across languages: `required`, `too_long`, `invalid_format`, `not_allowed`, … */
  code: z.string().optional(),
  /** In the language the request asked for (`Accept-Language`: kk, ru, en). */
  message: z.string(),
});
export type ValidationError = z.output<typeof validationErrorSchema>;

// Loose: RFC 9457 §3.2 lets a problem carry extension members, and clients must ignore unknown ones.
export const problemDetailsSchema = z.looseObject({
  /** A URI naming the problem type; `about:blank` when the status says it all. */
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** A stable, machine-readable code (`case.not_found`, `assignment.mediator_not_certified`). */
  code: z.string().optional(),
  /** The request's correlation id, to quote when reporting the problem. */
  correlationId: z.string().optional(),
  errors: z.array(validationErrorSchema).optional(),
});
export type ProblemDetails = z.output<typeof problemDetailsSchema>;

/** `["body", "parties", 0]` → `/body/parties/0` (RFC 6901 escapes `~` and `/`). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

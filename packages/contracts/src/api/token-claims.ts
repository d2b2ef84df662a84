import { z } from 'zod';
import { katoCodeSchema, userIdSchema } from '../fields.ts';
import { wholeRepublic } from '../reference/kato.ts';
import { roleSchema } from '../reference/people-vocabulary.ts';

// The Kelisim claims of an access token (DESIGN.md §7). Signature, issuer, audience and expiry are
// checked by the verifier before these claims are parsed; scoping rules live in the service kit.

/** A token's territory: a KATO code (region or district) or `KZ` for the whole republic. */
export const territorySchema = z.union([z.literal(wholeRepublic), katoCodeSchema]);

export const tokenClaimsSchema = z.object({
  sub: userIdSchema,
  // Missing lists grant nothing: no roles, no territory, no groups.
  roles: z.array(roleSchema).default([]),
  regions: z.array(territorySchema).default([]),
  /** Ids of the explanatory groups the user is a member of. */
  groups: z.array(z.string().min(1)).default([]),
});
export type TokenClaims = z.output<typeof tokenClaimsSchema>;

import { z } from 'zod';

// Field formats shared by events and API bodies. Formats only: whether a KATO code is a *known*
// region or district is checked where input enters (reference/regions.ts), not on the bus, so that
// events written before a territorial reform stay readable.

/** An aggregate or entity id: letters, digits, `-` and `_` (UUIDs fit). Never a name. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'expected an id: letters, digits, - and _, at most 64');

/** A user's id as it appears in the token's `sub` claim: pseudonymous, never an e-mail address. */
export const userIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:|-]{0,127}$/,
    'expected a user id (the token subject), not a name or e-mail',
  );

/** A 9-digit code of the Classifier of Administrative-Territorial Objects (KATO). */
export const katoCodeSchema = z.string().regex(/^\d{9}$/, 'expected a 9-digit KATO code');

/**
 * A machine code from an open list (reason codes, factor names, community codes). Open lists may
 * grow within an event version; closed vocabularies (category, urgency, ...) are zod enums.
 */
export const codeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a lower_snake_case code, not free text');

/** A calendar date, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();

/** An RFC 3339 instant with `Z` or an offset. */
export const dateTimeSchema = z.iso.datetime({ offset: true });

export const countSchema = z.number().int().nonnegative();

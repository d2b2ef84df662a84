import { z } from 'zod';
import { idSchema, katoCodeSchema } from '../fields.ts';
import { communitySchema, partnerKindSchema, partnerStatusSchema } from '../reference/partner-vocabulary.ts';

// Events of the partner directory (issue 27, docs/adr/0023), published by mediator-training on the
// `mediators` topic. Subject: the partner id. Envelope region: the partner's region.
// They carry what other services need to check a reference and to count by kind: never the
// organisation's names (the directory serves them) and never its contact person.

const partnerSnapshot = {
  partnerId: idSchema,
  kind: partnerKindSchema,
  region: katoCodeSchema,
  /** The district (KATO) of a district-level partner; null for one serving the whole region. */
  district: katoCodeSchema.nullable(),
  /** Communities an ethnocultural association represents; empty for other kinds. */
  communities: z.array(communitySchema),
  status: partnerStatusSchema,
};

export const partnerRegisteredV1 = z.object(partnerSnapshot);

/** Carries the whole snapshot after the change, so a consumer simply replaces what it holds. */
export const partnerUpdatedV1 = z.object(partnerSnapshot);

export const partnerEvents = {
  'partner.registered.v1': partnerRegisteredV1,
  'partner.updated.v1': partnerUpdatedV1,
} as const;

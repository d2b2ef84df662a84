import { z } from 'zod';
import { idSchema } from '../fields.ts';
import { communitySchema, partnerKindSchema, partnerStatusSchema } from '../reference/partner-vocabulary.ts';
import { districtCodeSchema, isDistrictOf, regionCodeSchema } from '../reference/regions.ts';
import { listQueryBaseSchema } from './list-query.ts';
import { contactsSchema } from './training.ts';

// The partner directory's requests (mediator-training, docs/adr/0023): bodies, path parameters and
// the list query. The contact person is personal data: the service encrypts it before it is kept.

export const partnerIdParams = z.object({ partnerId: idSchema });

const namesSchema = z.object({
  kk: z.string().trim().min(1).max(300),
  ru: z.string().trim().min(1).max(300),
});

export const contactPersonSchema = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.string().trim().min(1).max(200).optional(),
  ...contactsSchema.shape,
});
export type ContactPerson = z.output<typeof contactPersonSchema>;

const partnerFields = {
  kind: partnerKindSchema,
  names: namesSchema,
  region: regionCodeSchema,
  district: districtCodeSchema.nullable(),
  communities: z.array(communitySchema).max(40),
  contactPerson: contactPersonSchema.nullable(),
  status: partnerStatusSchema,
};

type TerritoryAndKind = {
  kind?: z.output<typeof partnerKindSchema>;
  region?: string;
  district?: string | null;
  communities?: readonly string[];
};

/** A district belongs to the region; a district assembly names its district; only associations list communities. */
function checkPartner(body: TerritoryAndKind, ctx: z.RefinementCtx) {
  if (body.district && body.region && !isDistrictOf(body.district, body.region)) {
    ctx.addIssue({ code: 'custom', path: ['district'], message: 'the district is not in the region' });
  }
  if (body.kind === 'district_assembly' && body.district === null) {
    ctx.addIssue({ code: 'custom', path: ['district'], message: 'a district assembly names its district' });
  }
  if (body.kind && body.kind !== 'ethnocultural_association' && (body.communities?.length ?? 0) > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['communities'],
      message: 'only an ethnocultural association represents communities',
    });
  }
}

export const registerPartnerBody = z
  .object({
    ...partnerFields,
    district: partnerFields.district.default(null),
    communities: partnerFields.communities.default([]),
    contactPerson: partnerFields.contactPerson.default(null),
    status: partnerFields.status.default('active'),
  })
  .superRefine(checkPartner);
export type RegisterPartnerBody = z.output<typeof registerPartnerBody>;

export const updatePartnerBody = z
  .object(partnerFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' })
  .superRefine(checkPartner);
export type UpdatePartnerBody = z.output<typeof updatePartnerBody>;

export const partnerListQuery = listQueryBaseSchema.omit({ from: true, to: true }).extend({
  kind: partnerKindSchema.optional(),
  status: partnerStatusSchema.optional(),
  community: communitySchema.optional(),
});

/** A partner as the directory shows it; `contactPerson` only to those who manage the directory. */
export const partnerSchema = z.object({
  partnerId: idSchema,
  ...partnerFields,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PartnerView = z.output<typeof partnerSchema>;

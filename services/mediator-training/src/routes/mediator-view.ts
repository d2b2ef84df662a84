// How a mediator is shown over HTTP: the profile plus the person, decrypted only here, for callers
// who may read the record. The response as a zod schema that also documents the API; the request
// bodies are the contracts' (api/training.ts).
import { contactsSchema } from '@kelisim/contracts/api/training';
import { idSchema, userIdSchema } from '@kelisim/contracts/fields';
import { caseCategorySchema } from '@kelisim/contracts/reference/case-vocabulary';
import {
  languageSchema,
  mediatorKindSchema,
  mediatorStatusSchema,
} from '@kelisim/contracts/reference/people-vocabulary';
import type { Current } from '@kelisim/service-kit/commit-log';
import type { FieldCipher } from '@kelisim/service-kit/field-crypto';
import { z } from 'zod';
import type { EncryptedPerson, MediatorState } from '../domain/mediator.ts';

export type Contacts = z.output<typeof contactsSchema>;

export const mediatorSchema = z.object({
  mediatorId: idSchema,
  userId: userIdSchema,
  name: z.string(),
  contacts: contactsSchema.nullable(),
  homeRegion: z.string(),
  regions: z.array(z.string()),
  languages: z.array(languageSchema),
  specialisations: z.array(caseCategorySchema),
  status: mediatorStatusSchema,
  kind: mediatorKindSchema,
  partnerId: idSchema.nullable(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MediatorView = z.output<typeof mediatorSchema>;

export function sealPerson(
  cipher: FieldCipher,
  name: string,
  contacts: Contacts | null | undefined,
): { person: EncryptedPerson; nameHash: string } {
  const hasContacts = contacts && Object.values(contacts).some((value) => value !== undefined);
  return {
    person: {
      name: cipher.encrypt(name),
      contacts: hasContacts ? cipher.encrypt(JSON.stringify(contacts)) : null,
    },
    nameHash: cipher.nameHash(name),
  };
}

export function contactsOf(cipher: FieldCipher, person: EncryptedPerson): Contacts | null {
  return person.contacts ? contactsSchema.parse(JSON.parse(cipher.decrypt(person.contacts))) : null;
}

export function mediatorView(cipher: FieldCipher, mediator: Current<MediatorState>): MediatorView {
  return {
    mediatorId: mediator.mediatorId,
    userId: mediator.userId,
    name: cipher.decrypt(mediator.person.name),
    contacts: contactsOf(cipher, mediator.person),
    homeRegion: mediator.homeRegion,
    regions: mediator.regions,
    languages: mediator.languages,
    specialisations: mediator.specialisations,
    status: mediator.status,
    kind: mediator.kind ?? 'certified',
    partnerId: mediator.partnerId ?? null,
    registeredAt: mediator.registeredAt,
    updatedAt: mediator.updatedAt,
    version: mediator.version,
  };
}

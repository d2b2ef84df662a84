// The fields of a partner in the directory, shared by the registration and the card (partners.tsx):
// names in kk/ru, kind, territory, the communities an ethnocultural association represents (from
// the contracts' reference list) and the contact person, each with its refusal beside it.

import type { PartnerView } from '@kelisim/contracts/api/partners';
import { communities, partnerKinds } from '@kelisim/contracts/reference/partner-vocabulary';
import { VocabularySelect } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { Input, Select, type useRefusal } from '../lib/forms.tsx';
import type { Reference } from '../lib/reference.ts';

type Community = (typeof communities.values)[number];
export type Form = {
  kk: string;
  ru: string;
  kind: string;
  region: string;
  district: string;
  communities: Community[];
  contactName: string;
  contactPosition: string;
  contactPhone: string;
  contactEmail: string;
};

export const blank = (): Form => ({
  kk: '',
  ru: '',
  kind: partnerKinds.values[0],
  region: '',
  district: '',
  communities: [],
  contactName: '',
  contactPosition: '',
  contactPhone: '',
  contactEmail: '',
});

export const formOf = (partner: PartnerView): Form => ({
  kk: partner.names.kk,
  ru: partner.names.ru,
  kind: partner.kind,
  region: partner.region,
  district: partner.district ?? '',
  communities: partner.communities,
  contactName: partner.contactPerson?.name ?? '',
  contactPosition: partner.contactPerson?.position ?? '',
  contactPhone: partner.contactPerson?.phone ?? '',
  contactEmail: partner.contactPerson?.email ?? '',
});

/** The contact person as the API takes it: null when no name is typed, the service refuses the rest by field. */
export const contactOf = (form: Form) =>
  [form.contactName, form.contactPosition, form.contactPhone, form.contactEmail].every((v) => v.trim() === '')
    ? null
    : {
        name: form.contactName,
        ...(form.contactPosition.trim() ? { position: form.contactPosition.trim() } : {}),
        ...(form.contactPhone.trim() ? { phone: form.contactPhone.trim() } : {}),
        ...(form.contactEmail.trim() ? { email: form.contactEmail.trim() } : {}),
      };

export const profileOf = (form: Form) => ({
  names: { kk: form.kk, ru: form.ru },
  kind: form.kind,
  region: form.region,
  district: form.district || null,
  communities: form.kind === 'ethnocultural_association' ? form.communities : [],
});

/** The fields a registration and an edit share, each with its refusal beside it. */
export function PartnerFields({
  prefix,
  form,
  setForm,
  refusal,
  reference,
}: {
  prefix: string;
  form: Form;
  setForm: (form: Form) => void;
  refusal: ReturnType<typeof useRefusal>;
  reference: Reference;
}) {
  const { t, lang } = useI18n();
  const communitiesError = refusal.of('communities') ?? refusal.of('communities.0');
  return (
    <>
      <Input
        id={`${prefix}-name-kk`}
        label={t('partnerNameKk')}
        value={form.kk}
        error={refusal.of('names.kk')}
        onInput={(kk) => setForm({ ...form, kk })}
      />
      <Input
        id={`${prefix}-name-ru`}
        label={t('partnerNameRu')}
        value={form.ru}
        error={refusal.of('names.ru')}
        onInput={(ru) => setForm({ ...form, ru })}
      />
      <VocabularySelect
        id={`${prefix}-kind`}
        label={t('partnerKind')}
        vocabulary={partnerKinds}
        value={form.kind}
        error={refusal.of('kind')}
        onChange={(kind) => setForm({ ...form, kind })}
      />
      <Select
        id={`${prefix}-region`}
        label={t('partnerRegion')}
        value={form.region}
        error={refusal.of('region')}
        empty={t('partnerChooseRegion')}
        options={reference.regions.map((region) => ({ value: region.kato, label: region.names[lang] }))}
        onChange={(region) => setForm({ ...form, region, district: '' })}
      />
      <Select
        id={`${prefix}-district`}
        label={t('partnerDistrict')}
        value={form.district}
        error={refusal.of('district')}
        empty={t('partnerWholeRegion')}
        options={reference
          .districtsOf(form.region)
          .map((district) => ({ value: district.kato, label: district.names[lang] }))}
        onChange={(district) => setForm({ ...form, district })}
      />
      {form.kind === 'ethnocultural_association' ? (
        <fieldset
          class={`wide${communitiesError ? ' field-invalid' : ''}`}
          aria-describedby={communitiesError ? `${prefix}-communities-error` : undefined}
        >
          <legend>{t('partnerCommunities')}</legend>
          <ul class="checklist">
            {communities.values.map((community) => (
              <li key={community}>
                <input
                  type="checkbox"
                  id={`${prefix}-community-${community}`}
                  checked={form.communities.includes(community)}
                  aria-invalid={communitiesError ? true : undefined}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      communities: (e.target as HTMLInputElement).checked
                        ? [...form.communities, community]
                        : form.communities.filter((other) => other !== community),
                    })
                  }
                />
                <label for={`${prefix}-community-${community}`}>
                  {capital(communities.label(community, lang))}
                </label>
              </li>
            ))}
          </ul>
          {communitiesError ? (
            <p class="field-error" id={`${prefix}-communities-error`}>
              {communitiesError}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <fieldset class="wide form-grid">
        <legend>{t('partnerContact')}</legend>
        <p class="hint wide">{t('partnerContactHint')}</p>
        <Input
          id={`${prefix}-contact-name`}
          label={t('partnerContactName')}
          value={form.contactName}
          error={refusal.of('contactPerson.name')}
          onInput={(contactName) => setForm({ ...form, contactName })}
        />
        <Input
          id={`${prefix}-contact-position`}
          label={t('partnerContactPosition')}
          value={form.contactPosition}
          error={refusal.of('contactPerson.position')}
          onInput={(contactPosition) => setForm({ ...form, contactPosition })}
        />
        <Input
          id={`${prefix}-contact-phone`}
          label={t('partnerContactPhone')}
          value={form.contactPhone}
          error={refusal.of('contactPerson.phone')}
          onInput={(contactPhone) => setForm({ ...form, contactPhone })}
        />
        <Input
          id={`${prefix}-contact-email`}
          label={t('partnerContactEmail')}
          value={form.contactEmail}
          error={refusal.of('contactPerson.email')}
          onInput={(contactEmail) => setForm({ ...form, contactEmail })}
        />
      </fieldset>
    </>
  );
}

// The partners a case command names (issue 27): the organisation a case is referred to, the venue
// of a session (a House of Friendship first, then the others) and the organisations whose members
// took part, counted, never named; the partners a visit met and a recommendation's owner partner.
// Only the active partners of the region are offered: the services refuse any other with a problem
// naming the field. Partners already named are shown by name, read from the directory by id.
import type { PartnerView } from '@kelisim/contracts/api/partners';
import { partnerKinds } from '@kelisim/contracts/reference/partner-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, problemText } from '../components.tsx';
import { type Lang, useI18n } from '../i18n.ts';
import { get, type Page, query } from '../lib/api.ts';

export type ParticipantRow = { partnerId: string; count: string };

/** The active partners of a region, from mediator-training's directory; null while loading, none asked without a region. */
export function useRegionPartners(region: string | null): {
  partners: PartnerView[] | null;
  error: string | null;
} {
  const i18n = useI18n();
  const [partners, setPartners] = useState<PartnerView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (region === null) return setPartners([]);
    get<Page<PartnerView>>('mediator-training', `/partners${query({ region, status: 'active', limit: 100 })}`)
      .then((page) => setPartners(page.items))
      .catch((failure) => {
        setError(problemText(i18n, failure));
        setPartners([]);
      });
  }, [region]);
  return { partners, error };
}

/**
 * Partners by id from the directory (`GET /partners/{id}`, open to every role in the partner's
 * territory), for showing the partners a record names; an id that cannot be read is left out.
 */
export function usePartners(ids: readonly string[]): Map<string, PartnerView> {
  const [partners, setPartners] = useState<Map<string, PartnerView>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    Promise.all(
      key
        .split(',')
        .map((id) =>
          get<PartnerView>('mediator-training', `/partners/${encodeURIComponent(id)}`).catch(() => null),
        ),
    ).then((found) =>
      setPartners(new Map(found.flatMap((partner) => (partner ? [[partner.partnerId, partner]] : [])))),
    );
  }, [key]);
  return partners;
}

const labelOf = (partner: PartnerView, lang: Lang) =>
  `${partner.names[lang]} (${partnerKinds.label(partner.kind, lang)})`;

/** A named partner as "name (kind)", or "a partner organisation" while it is not read: never its id. */
export function PartnerName({ partner }: { partner: PartnerView | undefined }) {
  const { t, lang } = useI18n();
  return <span class="partner-name">{partner ? labelOf(partner, lang) : t('partnerUnread')}</span>;
}

type PickerProps = {
  partners: PartnerView[];
  value: string;
  onChange: (partnerId: string) => void;
};

/** One of the region's partners, or the first option (none chosen). */
function PartnerSelect({
  id,
  label,
  unchosen,
  required = false,
  partners,
  value,
  onChange,
}: PickerProps & { id: string; label: string; unchosen: string; required?: boolean }) {
  const { lang } = useI18n();
  return (
    <Field id={id} label={label}>
      {() => (
        <select
          id={id}
          required={required}
          value={value}
          onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
        >
          <option value="">{unchosen}</option>
          {partners.map((partner) => (
            <option key={partner.partnerId} value={partner.partnerId}>
              {labelOf(partner, lang)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The partner a case is referred to. */
export function ReferralPartner(props: PickerProps) {
  const { t } = useI18n();
  if (props.partners.length === 0) return <Notice kind="warning">{t('partnerPickNone')}</Notice>;
  return (
    <PartnerSelect
      {...props}
      id="command-partner"
      label={t('partnerPick')}
      unchosen={t('partnerChooseOne')}
      required
    />
  );
}

/** A recommendation's owner partner, besides its owner group: none, or an active partner of the region. */
export function OwnerPartner(props: PickerProps) {
  const { t } = useI18n();
  return (
    <PartnerSelect
      {...props}
      id="rec-owner-partner"
      label={t('ownerPartner')}
      unchosen={t('ownerPartnerNone')}
    />
  );
}

/** Where a session was held: none, a House of Friendship, or another partner's premises. */
export function SessionVenue({ partners, value, onChange }: PickerProps) {
  const { t, lang } = useI18n();
  const houses = partners.filter((p) => p.kind === 'house_of_friendship');
  const others = partners.filter((p) => p.kind !== 'house_of_friendship');
  const option = (partner: PartnerView) => (
    <option key={partner.partnerId} value={partner.partnerId}>
      {partner.names[lang]}
    </option>
  );
  return (
    <Field id="command-venue" label={t('venue')}>
      {() => (
        <select
          id="command-venue"
          value={value}
          onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('venueNone')}</option>
          {houses.length > 0 ? <optgroup label={t('venueHouses')}>{houses.map(option)}</optgroup> : null}
          {others.length > 0 ? <optgroup label={t('venueOthers')}>{others.map(option)}</optgroup> : null}
        </select>
      )}
    </Field>
  );
}

/** The partners a monitoring visit met: the region's active partners, ticked. */
export function PartnersMet({
  partners,
  value,
  onChange,
}: {
  partners: PartnerView[];
  value: string[];
  onChange: (partnerIds: string[]) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <fieldset class="wide">
      <legend>{t('partnersMet')}</legend>
      {partners.length === 0 ? (
        <p class="muted">{t('partnerPickNone')}</p>
      ) : (
        <ul class="checklist">
          {partners.map((partner) => (
            <li key={partner.partnerId}>
              <input
                type="checkbox"
                id={`met-${partner.partnerId}`}
                checked={value.includes(partner.partnerId)}
                onChange={(e) =>
                  onChange(
                    (e.target as HTMLInputElement).checked
                      ? [...value, partner.partnerId]
                      : value.filter((id) => id !== partner.partnerId),
                  )
                }
              />
              <label for={`met-${partner.partnerId}`}>{labelOf(partner, lang)}</label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** Members of partner organisations who took part: an organisation and a count per row. */
export function PartnerParticipants({
  partners,
  rows,
  onChange,
}: {
  partners: PartnerView[];
  rows: ParticipantRow[];
  onChange: (rows: ParticipantRow[]) => void;
}) {
  const { t, lang, number } = useI18n();
  const change = (index: number, row: Partial<ParticipantRow>) =>
    onChange(rows.map((before, at) => (at === index ? { ...before, ...row } : before)));
  return (
    <fieldset class="participants">
      <legend>{t('participants')}</legend>
      {rows.map((row, index) => (
        <div class="participant-row" key={index}>
          <Field id={`participant-${index}`} label={t('participantOrganisation', { n: number(index + 1) })}>
            {() => (
              <select
                id={`participant-${index}`}
                value={row.partnerId}
                onChange={(e) => change(index, { partnerId: (e.target as HTMLSelectElement).value })}
              >
                {partners.map((partner) => (
                  <option key={partner.partnerId} value={partner.partnerId}>
                    {labelOf(partner, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`participant-${index}-count`} label={t('participantCount')}>
            {() => (
              <input
                id={`participant-${index}-count`}
                type="number"
                min={1}
                max={500}
                value={row.count}
                onInput={(e) => change(index, { count: (e.target as HTMLInputElement).value })}
              />
            )}
          </Field>
          <button type="button" onClick={() => onChange(rows.filter((_, at) => at !== index))}>
            {t('participantRemove', { n: number(index + 1) })}
          </button>
        </div>
      ))}
      {partners.length > 0 ? (
        <button
          type="button"
          id="participant-add"
          onClick={() => onChange([...rows, { partnerId: partners[0]?.partnerId ?? '', count: '1' }])}
        >
          {t('participantAdd')}
        </button>
      ) : (
        <p class="muted">{t('partnerPickNone')}</p>
      )}
    </fieldset>
  );
}

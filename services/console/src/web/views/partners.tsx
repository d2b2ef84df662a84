// The partner directory (`#/partners`, coordinators and administrators; issue 27, docs/adr/0023):
// the Assembly's organisations of the caller's territory filtered by kind and region, a new one
// registered, each one's card (`#/partners/<id>`) edited with If-Match. Communities come from the
// contracts' reference list; the contact person is shown only when mediator-training shows it
// (to those who manage the directory of its region) and sent back only when it was changed here.
import type { PartnerView } from '@kelisim/contracts/api/partners';
import { communities, partnerKinds, partnerStatuses } from '@kelisim/contracts/reference/partner-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, get, type Page, query } from '../lib/api.ts';
import { FormCard, type Refused, Select, send, useRefusal } from '../lib/forms.tsx';
import type { Reference } from '../lib/reference.ts';
import type { Route } from '../lib/router.ts';
import { blank, contactOf, type Form, formOf, PartnerFields, profileOf } from './partner-form.tsx';

function NewPartner({
  i18n,
  reference,
  onCreated,
}: {
  i18n: Translator;
  reference: Reference;
  onCreated: () => void;
}) {
  const { t } = i18n;
  const [form, setForm] = useState(blank);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const sent = await send(i18n, 'mediator-training', '/partners', {
      body: { ...profileOf(form), contactPerson: contactOf(form) },
      idempotencyKey: key,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    setForm(blank());
    setKey(crypto.randomUUID());
    onCreated();
  };
  return (
    <FormCard
      id="new-partner-title"
      title={t('partnerNew')}
      refusal={refusal}
      submitLabel={t('partnerRegister')}
      onSubmit={submit}
    >
      <PartnerFields prefix="partner" form={form} setForm={setForm} refusal={refusal} reference={reference} />
    </FormCard>
  );
}

export function Partners({ reference, route }: { reference: Reference; route: Route }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [kind, setKind] = useState(route.params.get('kind') ?? '');
  const [region, setRegion] = useState(route.params.get('region') ?? '');
  const [items, setItems] = useState<PartnerView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<Page<PartnerView>>('mediator-training', `/partners${query({ kind, region, limit: 100 })}`)
      .then((page) => {
        setError(null);
        setItems(page.items);
      })
      .catch((failure) => {
        setError(problemText(i18n, failure));
        setItems([]);
      });
  useEffect(() => {
    setItems(null);
    void load();
  }, [kind, region]);
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partnersTitle')}</h1>
      <form class="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <VocabularySelect
          id="partners-kind"
          label={t('partnersFilterKind')}
          vocabulary={partnerKinds}
          value={kind}
          onChange={setKind}
          anyLabel={t('partnersAll')}
        />
        <Select
          id="partners-region"
          label={t('partnersFilterRegion')}
          value={region}
          empty={t('partnersAll')}
          options={reference.regions.map((r) => ({ value: r.kato, label: r.names[lang] }))}
          onChange={setRegion}
        />
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('partnersNone')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('partnerName')}</th>
                <th scope="col">{t('partnerKind')}</th>
                <th scope="col">{t('partnerTerritory')}</th>
                <th scope="col">{t('partnerStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((partner) => (
                <tr key={partner.partnerId}>
                  <td>
                    <a
                      href={`#/partners/${partner.partnerId}`}
                      aria-label={t('partnerOpen', { name: partner.names[lang] })}
                    >
                      {partner.names[lang]}
                    </a>
                    {partner.communities.length > 0 ? (
                      <div class="muted">
                        {partner.communities.map((c) => communities.label(c, lang)).join(', ')}
                      </div>
                    ) : null}
                  </td>
                  <td>{capital(partnerKinds.label(partner.kind, lang))}</td>
                  <td>
                    {reference.name(partner.region, lang)}
                    {partner.district ? `, ${reference.name(partner.district, lang)}` : ''}
                  </td>
                  <td>
                    <Badge tone="status">{capital(partnerStatuses.label(partner.status, lang))}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewPartner i18n={i18n} reference={reference} onCreated={load} />
    </section>
  );
}

/** One partner's card: read with its version and changed with If-Match. */
export function PartnerPage({ partnerId, reference }: { partnerId: string; reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [etag, setEtag] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [form, setForm] = useState<Form & { status: string }>({ ...blank(), status: 'active' });
  const [shown, setShown] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal();

  const take = (partner: PartnerView, tag: string | null) => {
    setEtag(tag ?? '*');
    setTitle(partner.names[lang]);
    const next = { ...formOf(partner), status: partner.status };
    setForm(next);
    setShown(JSON.stringify(contactOf(next)));
  };
  useEffect(() => {
    call<PartnerView>('mediator-training', `/partners/${partnerId}`)
      .then((answer) =>
        answer.ok ? take(answer.json, answer.etag) : setError(problemText(i18n, answer.json)),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [partnerId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const contact = contactOf(form);
    // A contact person not shown here is not wiped by an edit of the rest.
    const contactChanged = JSON.stringify(contact) !== shown;
    const sent = await send<PartnerView>(i18n, 'mediator-training', `/partners/${partnerId}`, {
      method: 'PATCH',
      body: {
        ...profileOf(form),
        status: form.status,
        ...(contactChanged ? { contactPerson: contact } : {}),
      },
      ...(etag ? { ifMatch: etag } : {}),
    });
    if (!sent.ok) return refusal.show(sent as Refused);
    refusal.clear();
    take(sent.json, `"${sent.json.version}"`);
    setSaved(true);
  };

  if (error) return <Notice kind="error">{error}</Notice>;
  if (etag === null) return <Loading />;
  return (
    <article aria-labelledby="partner-title">
      <p>
        <a href="#/partners">{t('partnerBack')}</a>
      </p>
      <h1 id="partner-title">{title}</h1>
      <FormCard
        id="partner-edit-title"
        title={t('partnerEditTitle')}
        refusal={refusal}
        saved={saved ? t('partnerSaved') : null}
        submitLabel={t('save')}
        onSubmit={submit}
      >
        <PartnerFields
          prefix="edit-partner"
          form={form}
          setForm={(next) => setForm({ ...form, ...next })}
          refusal={refusal}
          reference={reference}
        />
        <VocabularySelect
          id="edit-partner-status"
          label={t('partnerStatus')}
          vocabulary={partnerStatuses}
          value={form.status}
          onChange={(status) => setForm({ ...form, status })}
          error={refusal.of('status')}
        />
      </FormCard>
    </article>
  );
}

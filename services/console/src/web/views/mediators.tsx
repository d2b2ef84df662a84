// The mediator registry (`#/mediators`, coordinators and administrators): a mediator entered with
// their account, name, contacts, home region and languages; each mediator's card
// (`#/mediators/<id>`) read and edited with If-Match. mediator-training refuses what is wrong,
// each message beside its field.
import { languages, mediatorStatuses } from '@kelisim/contracts/reference/people-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText, VocabularySelect } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { call, get, type Page } from '../lib/api.ts';
import { FormCard, Input, type Refused, Select, send, useRefusal } from '../lib/forms.tsx';
import type { Reference } from '../lib/reference.ts';

type Language = (typeof languages.values)[number];
export type Mediator = {
  mediatorId: string;
  userId: string;
  name: string;
  contacts: { phone?: string; email?: string } | null;
  homeRegion: string;
  languages: Language[];
  status: 'active' | 'inactive';
  version: number;
};

type Form = { name: string; phone: string; email: string; homeRegion: string; languages: Language[] };

const contactsOf = (form: Form) => ({
  ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
  ...(form.email.trim() ? { email: form.email.trim() } : {}),
});

/** The fields a registration and an edit share, each with its refusal beside it. */
function ProfileFields({
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
  const languagesError = refusal.of('languages') ?? refusal.of('languages.0');
  return (
    <>
      <Input
        id={`${prefix}-name`}
        label={t('mediatorName')}
        value={form.name}
        error={refusal.of('name')}
        onInput={(name) => setForm({ ...form, name })}
      />
      <Select
        id={`${prefix}-home-region`}
        label={t('mediatorHomeRegion')}
        value={form.homeRegion}
        error={refusal.of('homeRegion')}
        empty={t('mediatorChooseRegion')}
        options={reference.regions.map((region) => ({ value: region.kato, label: region.names[lang] }))}
        onChange={(homeRegion) => setForm({ ...form, homeRegion })}
      />
      <Input
        id={`${prefix}-phone`}
        label={t('mediatorPhone')}
        value={form.phone}
        error={refusal.of('contacts.phone')}
        onInput={(phone) => setForm({ ...form, phone })}
      />
      <Input
        id={`${prefix}-email`}
        label={t('mediatorEmail')}
        value={form.email}
        error={refusal.of('contacts.email')}
        onInput={(email) => setForm({ ...form, email })}
      />
      <fieldset
        class={`wide${languagesError ? ' field-invalid' : ''}`}
        aria-describedby={languagesError ? `${prefix}-languages-error` : undefined}
      >
        <legend>{t('mediatorLanguages')}</legend>
        <ul class="checklist">
          {languages.values.map((language) => (
            <li key={language}>
              <input
                type="checkbox"
                id={`${prefix}-language-${language}`}
                checked={form.languages.includes(language)}
                aria-invalid={languagesError ? true : undefined}
                onChange={(e) =>
                  setForm({
                    ...form,
                    languages: (e.target as HTMLInputElement).checked
                      ? [...form.languages, language]
                      : form.languages.filter((other) => other !== language),
                  })
                }
              />
              <label for={`${prefix}-language-${language}`}>{capital(languages.label(language, lang))}</label>
            </li>
          ))}
        </ul>
        {languagesError ? (
          <p class="field-error" id={`${prefix}-languages-error`}>
            {languagesError}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

const blank = (): Form & { userId: string } => ({
  userId: '',
  name: '',
  phone: '',
  email: '',
  homeRegion: '',
  languages: [],
});

function NewMediator({
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
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const contacts = contactsOf(form);
    const sent = await send(i18n, 'mediator-training', '/mediators', {
      body: {
        userId: form.userId.trim(),
        name: form.name,
        homeRegion: form.homeRegion,
        languages: form.languages,
        ...(Object.keys(contacts).length > 0 ? { contacts } : {}),
      },
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    setForm(blank());
    onCreated();
  };
  return (
    <FormCard
      id="new-mediator-title"
      title={t('mediatorNew')}
      refusal={refusal}
      submitLabel={t('mediatorRegister')}
      onSubmit={submit}
    >
      <Input
        id="mediator-user-id"
        label={t('mediatorUserId')}
        value={form.userId}
        error={refusal.of('userId')}
        onInput={(userId) => setForm({ ...form, userId })}
      />
      <ProfileFields
        prefix="mediator"
        form={form}
        setForm={(next) => setForm({ ...form, ...next })}
        refusal={refusal}
        reference={reference}
      />
    </FormCard>
  );
}

export function Mediators({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [items, setItems] = useState<Mediator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    get<Page<Mediator>>('mediator-training', '/mediators?limit=100')
      .then((page) => setItems(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <section aria-labelledby="mediators-title">
      <h1 id="mediators-title">{t('mediatorsTitle')}</h1>
      <NewMediator i18n={i18n} reference={reference} onCreated={load} />
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Loading />
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('mediatorName')}</th>
                <th scope="col">{t('mediatorHomeRegion')}</th>
                <th scope="col">{t('mediatorLanguages')}</th>
                <th scope="col">{t('mediatorStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((mediator) => (
                <tr key={mediator.mediatorId}>
                  <td>
                    <a
                      href={`#/mediators/${mediator.mediatorId}`}
                      aria-label={t('mediatorOpen', { name: mediator.name })}
                    >
                      {mediator.name}
                    </a>
                  </td>
                  <td>{reference.name(mediator.homeRegion, lang)}</td>
                  <td>{mediator.languages.map((l) => languages.label(l, lang)).join(', ')}</td>
                  <td>
                    <Badge tone="status">{capital(mediatorStatuses.label(mediator.status, lang))}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One mediator's card: their data read with its version and changed with If-Match. */
export function MediatorPage({ mediatorId, reference }: { mediatorId: string; reference: Reference }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [etag, setEtag] = useState<string | null>(null);
  const [form, setForm] = useState<Form & { status: string }>({ ...blank(), status: 'active' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const refusal = useRefusal();

  const take = (mediator: Mediator, tag: string | null) => {
    setEtag(tag ?? '*');
    setForm({
      name: mediator.name,
      phone: mediator.contacts?.phone ?? '',
      email: mediator.contacts?.email ?? '',
      homeRegion: mediator.homeRegion,
      languages: mediator.languages,
      status: mediator.status,
    });
  };
  useEffect(() => {
    call<Mediator>('mediator-training', `/mediators/${mediatorId}`)
      .then((answer) =>
        answer.ok ? take(answer.json, answer.etag) : setError(problemText(i18n, answer.json)),
      )
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [mediatorId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const contacts = contactsOf(form);
    const sent = await send<Mediator>(i18n, 'mediator-training', `/mediators/${mediatorId}`, {
      method: 'PATCH',
      body: {
        name: form.name,
        homeRegion: form.homeRegion,
        languages: form.languages,
        status: form.status,
        contacts: Object.keys(contacts).length > 0 ? contacts : null,
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
    <article aria-labelledby="mediator-title">
      <p>
        <a href="#/mediators">{t('mediatorBack')}</a>
      </p>
      <h1 id="mediator-title">{form.name}</h1>
      <FormCard
        id="mediator-edit-title"
        title={t('mediatorEditTitle')}
        refusal={refusal}
        saved={saved ? t('mediatorSaved') : null}
        submitLabel={t('save')}
        onSubmit={submit}
      >
        <ProfileFields
          prefix="edit-mediator"
          form={form}
          setForm={(next) => setForm({ ...form, ...next })}
          refusal={refusal}
          reference={reference}
        />
        <VocabularySelect
          id="edit-mediator-status"
          label={t('mediatorStatus')}
          vocabulary={mediatorStatuses}
          value={form.status}
          onChange={(status) => setForm({ ...form, status })}
          error={refusal.of('status')}
        />
      </FormCard>
    </article>
  );
}

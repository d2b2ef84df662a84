// Groups (administrators): the information-and-explanatory groups of the territory by level, each
// with its members (Keycloak users: added by username, with the language and the channels they get
// alerts by); a new group for a region, a district or the republic; the standard groups created at
// once; a group deleted. notifications looks every username up in the realm and refuses an unknown
// one beside its field.
import { groupLevels } from '@kelisim/contracts/reference/alert-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Notice, problemText } from '../components.tsx';
import { capital, type Translator, useI18n } from '../i18n.ts';
import { get, type Page, query } from '../lib/api.ts';
import { Input, Select, send, useRefusal } from '../lib/forms.tsx';
import { usePeopleNames } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';

type Member = {
  userId: string;
  language: 'kk' | 'ru' | 'en';
  inbox: boolean;
  email: boolean;
  webhook: { url: string } | null;
};
export type Group = {
  id: string;
  level: (typeof groupLevels.values)[number];
  region: string | null;
  district: string | null;
  names: { kk: string; ru: string };
  members: Member[];
  version: number;
};

const memberLanguages = [
  { value: 'kk', label: 'Қазақша' },
  { value: 'ru', label: 'Русский' },
  { value: 'en', label: 'English' },
];

/** The members as the API takes them back: by user id, keeping each one's webhook (and its secret). */
const asBody = (members: Member[]) =>
  members.map((m) => ({
    userId: m.userId,
    language: m.language,
    inbox: m.inbox,
    email: m.email,
    ...(m.webhook ? { webhook: { url: m.webhook.url } } : {}),
  }));

function Check(props: { id: string; label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <div class="field checkbox">
      <input
        type="checkbox"
        id={props.id}
        checked={props.checked}
        onChange={(event) => props.onChange((event.target as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

function GroupCard({
  i18n,
  group,
  names,
  onDone,
}: {
  i18n: Translator;
  group: Group;
  /** Members' display names by user id; a member without one shows their account id. */
  names: Map<string, string>;
  onDone: () => void;
}) {
  const { t, lang } = i18n;
  const [form, setForm] = useState({ username: '', language: lang as string, inbox: true, email: false });
  const [confirming, setConfirming] = useState(false);
  const refusal = useRefusal();
  const id = group.id;
  const save = async (members: object[]) => {
    const sent = await send(i18n, 'notifications', `/groups/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: { names: group.names, members },
      ifMatch: `"${group.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onDone();
  };
  const added = group.members.length;
  const add = (event: Event) => {
    event.preventDefault();
    void save([
      ...asBody(group.members),
      { username: form.username.trim(), language: form.language, inbox: form.inbox, email: form.email },
    ]);
  };
  const remove = async () => {
    const sent = await send(i18n, 'notifications', `/groups/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      ifMatch: `"${group.version}"`,
    });
    if (!sent.ok) return refusal.show(sent);
    onDone();
  };
  const channels = (m: Member) =>
    [
      m.inbox ? t('memberInbox') : null,
      m.email ? t('memberEmail') : null,
      m.webhook ? t('memberWebhook') : null,
    ]
      .filter(Boolean)
      .join(', ') || '—';
  return (
    <li class="card">
      <h2>
        <a href={`#/groups/${encodeURIComponent(id)}`}>{group.names[lang]}</a>
      </h2>
      <p class="muted">{capital(groupLevels.label(group.level, lang))}</p>
      {refusal.message ? <Notice kind="error">{refusal.message}</Notice> : null}
      {group.members.length === 0 ? (
        <p>{t('groupNoMembers')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('groupMembers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('memberAccount')}</th>
                <th scope="col">{t('language')}</th>
                <th scope="col">{t('memberChannels')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('memberRemove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {group.members.map((m, index) => (
                <tr key={m.userId}>
                  <td>{names.get(m.userId) ?? m.userId}</td>
                  <td>{memberLanguages.find((l) => l.value === m.language)?.label}</td>
                  <td>{channels(m)}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => save(asBody(group.members.filter((_, i) => i !== index)))}
                    >
                      {t('memberRemove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="form-grid" noValidate onSubmit={add} aria-label={t('memberAdd')}>
        <Input
          id={`member-username-${id}`}
          label={t('memberUsername')}
          value={form.username}
          error={refusal.of(`members.${added}.username`) ?? refusal.of(`members.${added}`)}
          onInput={(username) => setForm({ ...form, username })}
        />
        <Select
          id={`member-language-${id}`}
          label={t('language')}
          value={form.language}
          error={refusal.of(`members.${added}.language`)}
          options={memberLanguages}
          onChange={(language) => setForm({ ...form, language })}
        />
        <Check
          id={`member-inbox-${id}`}
          label={t('memberInbox')}
          checked={form.inbox}
          onChange={(inbox) => setForm({ ...form, inbox })}
        />
        <Check
          id={`member-email-${id}`}
          label={t('memberEmail')}
          checked={form.email}
          onChange={(email) => setForm({ ...form, email })}
        />
        <div class="wide actions-row">
          <button type="submit" class="primary">
            {t('memberAdd')}
          </button>
          {confirming ? (
            <button type="button" onClick={remove}>
              {t('groupDeleteConfirm')}
            </button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('groupDelete')}
            </button>
          )}
        </div>
      </form>
    </li>
  );
}

function NewGroup({
  i18n,
  reference,
  onDone,
}: {
  i18n: Translator;
  reference: Reference;
  onDone: () => void;
}) {
  const { t, lang } = i18n;
  const [form, setForm] = useState({ level: 'regional', region: '', district: '', kk: '', ru: '' });
  const refusal = useRefusal();
  const submit = async (event: Event) => {
    event.preventDefault();
    const names = form.kk || form.ru ? { names: { kk: form.kk, ru: form.ru } } : {};
    const place =
      form.level === 'regional'
        ? { region: form.region }
        : form.level === 'district'
          ? { district: form.district }
          : {};
    const sent = await send(i18n, 'notifications', '/groups', {
      body: { level: form.level, ...place, ...names },
    });
    if (!sent.ok) return refusal.show(sent);
    refusal.clear();
    onDone();
  };
  const seed = async () => {
    const sent = await send(i18n, 'notifications', '/groups/seed', { body: { districts: [] } });
    if (!sent.ok) return refusal.show(sent);
    onDone();
  };
  return (
    <form class="card form-grid" noValidate onSubmit={submit} aria-labelledby="new-group-title">
      <h2 id="new-group-title" class="wide">
        {t('groupNew')}
      </h2>
      {refusal.message ? (
        <div class="wide">
          <Notice kind="error">{refusal.message}</Notice>
        </div>
      ) : null}
      <Select
        id="group-level"
        label={t('groupLevel')}
        value={form.level}
        error={refusal.of('level')}
        options={groupLevels.values.map((value) => ({
          value,
          label: capital(groupLevels.label(value, lang)),
        }))}
        onChange={(level) => setForm({ ...form, level })}
      />
      {form.level !== 'republican' ? (
        <Select
          id="group-region"
          label={t('region')}
          empty={t('none')}
          value={form.region}
          error={refusal.of('region')}
          options={reference.regions.map((r) => ({ value: r.kato, label: r.names[lang] }))}
          onChange={(region) => setForm({ ...form, region, district: '' })}
        />
      ) : null}
      {form.level === 'district' ? (
        <Select
          id="group-district"
          label={t('district')}
          empty={t('none')}
          value={form.district}
          error={refusal.of('district')}
          options={reference.districtsOf(form.region).map((d) => ({ value: d.kato, label: d.names[lang] }))}
          onChange={(district) => setForm({ ...form, district })}
        />
      ) : null}
      <Input
        id="group-name-kk"
        label={t('groupNameKk')}
        hint={t('groupNameHint')}
        value={form.kk}
        error={refusal.of('names.kk')}
        onInput={(kk) => setForm({ ...form, kk })}
      />
      <Input
        id="group-name-ru"
        label={t('groupNameRu')}
        value={form.ru}
        error={refusal.of('names.ru')}
        onInput={(ru) => setForm({ ...form, ru })}
      />
      <div class="wide actions-row">
        <button type="submit" class="primary">
          {t('groupCreate')}
        </button>
        <button type="button" onClick={seed}>
          {t('groupSeed')}
        </button>
      </div>
    </form>
  );
}

export function Groups({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [level, setLevel] = useState('');
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (cursor?: string) =>
    get<Page<Group>>('notifications', `/groups${query({ level, limit: 100, cursor })}`)
      .then((page) => {
        setGroups((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
        setNext(page.nextCursor);
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  useEffect(() => {
    void load();
  }, [level]);
  // Members by name, as the identity provider has them.
  const names = usePeopleNames((groups ?? []).flatMap((group) => group.members.map((m) => m.userId)));

  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t('groupsTitle')}</h1>
      <NewGroup i18n={i18n} reference={reference} onDone={() => load()} />
      <div class="card form-grid">
        <Select
          id="groups-level"
          label={t('groupLevel')}
          empty={t('any')}
          value={level}
          options={groupLevels.values.map((value) => ({
            value,
            label: capital(groupLevels.label(value, lang)),
          }))}
          onChange={setLevel}
        />
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {groups === null && !error ? <Loading /> : null}
      {groups?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {groups?.map((group) => (
          <GroupCard
            key={`${group.id}-${group.version}`}
            i18n={i18n}
            group={group}
            names={names}
            onDone={() => load()}
          />
        ))}
      </ul>
      {next ? (
        <button type="button" onClick={() => load(next)}>
          {t('groupsMore')}
        </button>
      ) : null}
    </section>
  );
}

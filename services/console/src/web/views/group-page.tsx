// A group at an address of its own (`#/groups/<id>`): its name, level and territory, its members
// (by name for those who may read people's names), and its alerts, newest first, each opening the
// alert's page. Everyone but an administrator reaches their groups from "My groups": a group
// member the groups they belong to, a coordinator or supervisor their role's audience group, a
// mediator their personal one (notifications shows a group to no one else); an administrator from
// the groups directory. Reading only: the directory is the administrators'.
import { alertSeverities, groupLevels } from '@kelisim/contracts/reference/alert-vocabulary';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Loading, Notice, problemText } from '../components.tsx';
import { capital, useI18n } from '../i18n.ts';
import { get, type Page } from '../lib/api.ts';
import { usePeopleNames } from '../lib/people.ts';
import type { Reference } from '../lib/reference.ts';
import type { Session } from '../view-types.ts';
import type { Group } from './groups.tsx';
import { type Alert, alertStatusLabels } from './inbox.tsx';

/** Who may read people's names (notifications' `GET /people/names`). */
const nameReaders = ['supervisor', 'coordinator', 'admin'];

/** The groups the person belongs to, each linking to its page. */
export function MyGroups({ reference }: { reference: Reference }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Page<Group>>('notifications', '/groups?limit=100')
      .then((page) => setGroups(page.items))
      .catch((failure) => setError(problemText(i18n, failure)));
  }, []);
  return (
    <section aria-labelledby="my-groups-title">
      <h1 id="my-groups-title">{t('navMyGroups')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {groups === null && !error ? <Loading /> : null}
      {groups?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {(groups ?? []).map((group) => (
          <li key={group.id} class="card">
            <h2>
              <a href={`#/groups/${encodeURIComponent(group.id)}`}>{group.names[lang]}</a>
            </h2>
            <p class="muted">
              {capital(groupLevels.label(group.level, lang))}
              {group.district || group.region
                ? ` · ${reference.name(group.district ?? group.region ?? '', lang)}`
                : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GroupPage({
  groupId,
  reference,
  session,
}: {
  groupId: string;
  reference: Reference;
  session: Session;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [group, setGroup] = useState<Group | null>(null);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const path = `/groups/${encodeURIComponent(groupId)}`;
    Promise.all([
      get<Group>('notifications', path),
      get<Page<Alert>>('notifications', `${path}/alerts?limit=50`),
    ])
      .then(([one, page]) => {
        setGroup(one);
        setAlerts(page.items);
      })
      .catch((failure) => setError(problemText(i18n, failure)));
  }, [groupId]);
  const readsNames = session.roles.some((role) => nameReaders.includes(role));
  const names = usePeopleNames(readsNames ? (group?.members ?? []).map((member) => member.userId) : []);

  return (
    <section aria-labelledby="group-title">
      {group ? <h1 id="group-title">{group.names[lang]}</h1> : <h1 id="group-title">{t('navGroups')}</h1>}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {group === null && !error ? <Loading /> : null}
      {group ? (
        <dl class="facts">
          <dt>{t('groupLevel')}</dt>
          <dd>{capital(groupLevels.label(group.level, lang))}</dd>
          <dt>{t('region')}</dt>
          <dd>
            {group.district || group.region
              ? reference.name(group.district ?? group.region ?? '', lang)
              : '—'}
          </dd>
          <dt>{t('groupMembers')}</dt>
          <dd>{i18n.number(group.members.length)}</dd>
        </dl>
      ) : null}
      {group && readsNames && group.members.length > 0 ? (
        <ul id="group-members" aria-label={t('groupMembers')}>
          {group.members.map((member) => (
            <li key={member.userId}>{names.get(member.userId) ?? member.userId}</li>
          ))}
        </ul>
      ) : null}
      {alerts ? (
        <>
          <h2 id="group-alerts-title">{t('groupAlerts')}</h2>
          {alerts.length === 0 ? <p>{t('noItems')}</p> : null}
          <ul class="cards" aria-labelledby="group-alerts-title">
            {alerts.map((alert) => (
              <li key={alert.alertId} class="card" data-source={alert.matter?.id ?? alert.sourceSubject}>
                <p>
                  <a href={`#/alerts/${encodeURIComponent(alert.alertId)}`}>{alert.message[lang].headline}</a>
                </p>
                <div class="meta">
                  <Badge tone={`urgency-${alert.severity}`}>
                    {capital(alertSeverities.label(alert.severity, lang))}
                  </Badge>
                  <Badge tone="status">
                    {capital(alertStatusLabels.labels[alert.status as 'raised']?.[lang] ?? alert.status)}
                  </Badge>
                </div>
                <p class="muted">{i18n.dateTime(alert.raisedAt)}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

// People and groups as people call them. Names come from where the platform keeps them: the
// signed-in person's from the identity provider's token, mediators' from mediator-training's
// registry (`GET /mediators/names`), other users' from the identity provider through notifications
// (`GET /people/names`, for those who manage people), groups' from their territory. A visit's
// teammate or reviewer is "a supervisor" (the role's word, куратор), never a user id.
import { wholeRepublic } from '@kelisim/contracts/reference/kato';
import { useEffect, useState } from 'preact/hooks';
import type { Translator } from '../i18n.ts';
import type { Session } from '../view-types.ts';
import { get } from './api.ts';
import type { Reference } from './reference.ts';

/** Names of the mediators the caller may read, by id; ids they may not read are left out. */
export function useMediatorNames(ids: readonly string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    get<{ items: { mediatorId: string; name: string }[] }>(
      'mediator-training',
      `/mediators/names?ids=${encodeURIComponent(key)}`,
    )
      .then((answer) => setNames(new Map(answer.items.map((item) => [item.mediatorId, item.name]))))
      .catch(() => setNames(new Map()));
  }, [key]);
  return names;
}

/** "you (Aigerim)", or "a supervisor" for someone else. */
export function personText(userId: string, session: Session, tr: Translator): string {
  if (userId !== session.sub) return tr.t('anotherSupervisor');
  return session.name ? tr.t('youNamed', { name: session.name }) : tr.t('you');
}

/** A visit's team: "you (Aigerim), 2 more supervisors", or "supervisors: 3". */
export function teamText(team: readonly string[], session: Session, tr: Translator): string {
  const others = team.filter((userId) => userId !== session.sub).length;
  if (!team.includes(session.sub)) {
    return others === 1 ? tr.t('aSupervisor') : tr.t('supervisorsCount', { count: others });
  }
  const you = personText(session.sub, session, tr);
  return others === 0 ? you : `${you}, ${tr.t('otherSupervisors', { count: others })}`;
}

/** An explanatory group by its territory (`grp-<KATO>`, `grp-kz`). */
export function groupText(groupId: string, reference: Reference, tr: Translator): string {
  const territory = groupId.startsWith('grp-') ? groupId.slice(4) : null;
  if (territory?.toUpperCase() === wholeRepublic) return tr.t('wholeRepublic');
  if (territory && (reference.isKnownRegion(territory) || reference.isKnownDistrict(territory))) {
    return reference.name(territory, tr.lang);
  }
  return tr.t('otherGroup');
}

/**
 * People's display names by user id, from the identity provider through notifications
 * (`GET /people/names`, for administrators, coordinators and supervisors). Ids without a name, and
 * every id while the identity provider cannot be reached, are left out: the caller shows the id.
 */
export function usePeopleNames(ids: readonly string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    const chunks: string[][] = [];
    const all = key.split(',');
    for (let start = 0; start < all.length; start += 100) chunks.push(all.slice(start, start + 100));
    Promise.all(
      chunks.map((chunk) =>
        get<{ items: { userId: string; name: string }[] }>(
          'notifications',
          `/people/names?ids=${encodeURIComponent(chunk.join(','))}`,
        ),
      ),
    )
      .then((answers) =>
        setNames(new Map(answers.flatMap((answer) => answer.items.map((item) => [item.userId, item.name])))),
      )
      .catch(() => setNames(new Map()));
  }, [key]);
  return names;
}

// The directory of information-and-explanatory groups (DESIGN.md §5): one republican group, one
// per region, district groups where an administrator creates them. Ids are derived from the KATO
// scope, so that seeding is idempotent and rules find a territory's group without a lookup table.
import type { GroupLevel } from '@kelisim/contracts/reference/alert-vocabulary';
import type { TerritoryNames } from '@kelisim/contracts/reference/regions';

export type MemberLanguage = 'kk' | 'ru' | 'en';

export type WebhookChannel = { readonly url: string; readonly secret: string };

export type Member = {
  /** The member's Keycloak user id: their token subject. */
  readonly userId: string;
  readonly language: MemberLanguage;
  readonly inbox: boolean;
  /** E-mail to the address on the user's Keycloak account, looked up when sending. */
  readonly email: boolean;
  /** The member's own time zone for their alerts' times (their preferences); unset: Asia/Almaty. */
  readonly timeZone?: string | null;
  readonly webhook: WebhookChannel | null;
};

export type Group = {
  readonly id: string;
  readonly level: GroupLevel;
  /** KATO code of the territory: the region's or district's; null for the republican group. */
  readonly region: string | null;
  readonly district: string | null;
  readonly parentId: string | null;
  readonly names: { readonly kk: string; readonly ru: string };
  readonly members: readonly Member[];
};

export const republicanGroupId = 'grp-kz';

/**
 * The Center for Ethnomediation's coordinators, who keep the mediator registry (DESIGN.md §6
 * flow 5: they are told when a certificate nears its end and when it expires). Republic-wide and
 * outside the escalation tree: an unacknowledged notice to them has no parent to go to.
 */
export const coordinatorsGroupId = 'grp-coordinators';

export function regionGroupId(regionKato: string): string {
  return `grp-${regionKato}`;
}

export function districtGroupId(districtKato: string): string {
  return `grp-${districtKato}`;
}

export function republicanGroup(): Group {
  return {
    id: republicanGroupId,
    level: 'republican',
    region: null,
    district: null,
    parentId: null,
    names: { kk: 'Республикалық топ', ru: 'Республиканская группа' },
    members: [],
  };
}

export function coordinatorsGroup(): Group {
  return {
    id: coordinatorsGroupId,
    level: 'republican',
    region: null,
    district: null,
    parentId: null,
    names: { kk: 'Этномедиация орталығының үйлестірушілері', ru: 'Координаторы Центра этномедиации' },
    members: [],
  };
}

export function regionGroup(region: { kato: string; names: TerritoryNames }): Group {
  return {
    id: regionGroupId(region.kato),
    level: 'regional',
    region: region.kato,
    district: null,
    parentId: republicanGroupId,
    names: { kk: `${region.names.kk}: облыстық топ`, ru: `${region.names.ru}: областная группа` },
    members: [],
  };
}

export function districtGroup(district: { kato: string; regionKato: string; names: TerritoryNames }): Group {
  return {
    id: districtGroupId(district.kato),
    level: 'district',
    region: district.regionKato,
    district: district.kato,
    parentId: regionGroupId(district.regionKato),
    names: { kk: `${district.names.kk}: аудандық топ`, ru: `${district.names.ru}: районная группа` },
    members: [],
  };
}

/**
 * The groups a fresh directory starts with: the republic, the coordinators, every region and its
 * supervisors (districts on demand).
 */
export function seedDirectory(
  regions: readonly { kato: string; names: TerritoryNames }[],
  districts: readonly { kato: string; regionKato: string; names: TerritoryNames }[] = [],
): Group[] {
  return [
    republicanGroup(),
    coordinatorsGroup(),
    ...regions.map(regionGroup),
    ...regions.map(supervisorsGroup),
    ...districts.map(districtGroup),
  ];
}

/** The supervisors (curators) of a region: the audience of its risk changes (DESIGN.md §6 flow 3). */
export function supervisorsGroupId(regionKato: string): string {
  return `${supervisorsPrefix}${regionKato}`;
}

/** A mediator's own inbox: notices about their certificate reach them personally (flow 5). */
export function mediatorGroupId(mediatorId: string): string {
  return `${mediatorPrefix}${mediatorId}`;
}

const supervisorsPrefix = 'grp-supervisors-';
const mediatorPrefix = 'grp-mediator-';

/**
 * Who reads an audience group's inbox without being listed in it or holding the group-member
 * role: the holders of a role (coordinators, a region's supervisors, within their territory), or
 * the one person the group belongs to. Null for the explanatory groups. Derived from the id, as
 * the territory is, so that groups stored before audiences existed need no migration.
 */
export type Audience =
  | { readonly kind: 'role'; readonly role: 'coordinator' | 'supervisor' }
  | { readonly kind: 'person' };

export function audienceOf(groupId: string): Audience | null {
  if (groupId === coordinatorsGroupId) return { kind: 'role', role: 'coordinator' };
  if (groupId.startsWith(supervisorsPrefix)) return { kind: 'role', role: 'supervisor' };
  if (groupId.startsWith(mediatorPrefix)) return { kind: 'person' };
  return null;
}

/** Outside the escalation tree: nobody above a region's supervisors takes over their notices. */
export function supervisorsGroup(region: { kato: string; names: TerritoryNames }): Group {
  return {
    id: supervisorsGroupId(region.kato),
    level: 'regional',
    region: region.kato,
    district: null,
    parentId: null,
    names: { kk: `${region.names.kk}: кураторлар`, ru: `${region.names.ru}: кураторы` },
    members: [],
  };
}

/**
 * A mediator's personal group, in their home region, with the mediator's user as its one member
 * (inbox and e-mail; their own preferences apply on top). Outside the escalation tree.
 */
export function mediatorGroup(mediator: {
  mediatorId: string;
  userId: string;
  homeRegion: string;
  languages: readonly string[];
}): Group {
  const language: MemberLanguage =
    mediator.languages.find((l) => l === 'kk' || l === 'ru') === 'kk' ? 'kk' : 'ru';
  return {
    id: mediatorGroupId(mediator.mediatorId),
    level: 'regional',
    region: mediator.homeRegion,
    district: null,
    parentId: null,
    names: { kk: 'Медиатордың жеке хабарлары', ru: 'Личные уведомления медиатора' },
    members: [{ userId: mediator.userId, language, inbox: true, email: true, webhook: null }],
  };
}

/** The KATO code a group's territory is scoped by; null for the whole republic. */
export function scopeOf(group: Pick<Group, 'region' | 'district'>): string | null {
  return group.district ?? group.region;
}

// The directory of information-and-explanatory groups (DESIGN.md §5): one republican group, one
// per region, district groups where an administrator creates them. Ids are derived from the KATO
// scope, so that seeding is idempotent and rules find a territory's group without a lookup table.
import type { GroupLevel } from '@kelisim/contracts/reference/alert-vocabulary';
import type { TerritoryNames } from '@kelisim/contracts/reference/regions';

export type MemberLanguage = 'kk' | 'ru';

export type WebhookChannel = { readonly url: string; readonly secret: string };

export type Member = {
  /** The member's token subject. */
  readonly userId: string;
  readonly language: MemberLanguage;
  readonly inbox: boolean;
  readonly email: string | null;
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
 * The groups a fresh directory starts with: the republic, the coordinators and every region
 * (districts on demand).
 */
export function seedDirectory(
  regions: readonly { kato: string; names: TerritoryNames }[],
  districts: readonly { kato: string; regionKato: string; names: TerritoryNames }[] = [],
): Group[] {
  return [
    republicanGroup(),
    coordinatorsGroup(),
    ...regions.map(regionGroup),
    ...districts.map(districtGroup),
  ];
}

/** The KATO code a group's territory is scoped by; null for the whole republic. */
export function scopeOf(group: Pick<Group, 'region' | 'district'>): string | null {
  return group.district ?? group.region;
}

// What the demo data is, as plain data: regions and districts, courses, mediators, cases with the
// state each should reach, visits and recommendations. Pure and deterministic, so that every run
// builds the same plan, the same Idempotency-Keys and therefore no duplicates.
import { type PartnerKind, partnerKinds } from '@kelisim/contracts/reference/partner-vocabulary';
import type { District, Region } from '@kelisim/contracts/reference/territories';
import { type NameOrigin, nameOrigins } from './names.ts';
import { partnerNaming } from './partner-names.ts';

export const caseTargets = [
  'registered',
  'screening',
  'awaiting_consent',
  'assigned',
  'in_mediation',
  'outcome',
  'closed',
  'declined',
] as const;
/** Besides the states the cases cycle through, one case per region is referred out to a partner. */
export type CaseTarget = (typeof caseTargets)[number] | 'referred_out';

const urgencies = ['medium', 'high', 'low', 'critical'] as const;
const categories = [
  'neighbourhood',
  'land_and_property',
  'labour',
  'language',
  'online_speech',
  'family',
] as const;

export type CoursePlan = {
  key: string;
  title: { kk: string; ru: string };
  modules: Array<{ moduleId: string; title: { kk: string; ru: string }; hours: number }>;
  requiredHours: number;
  passMark: number;
  validityMonths: number;
};

export type MediatorPlan = {
  key: string;
  userId: string;
  nameIndex: number;
  homeRegion: string;
  languages: Array<'kk' | 'ru'>;
  /** Certified: every module attended and a passing score; otherwise enrolled, half attended. */
  certified: boolean;
};

export type CasePlan = {
  key: string;
  region: string;
  district: string;
  urgency: (typeof urgencies)[number];
  category: (typeof categories)[number];
  language: 'kk' | 'ru';
  partyOrigins: [NameOrigin, NameOrigin];
  nameIndex: number;
  target: CaseTarget;
  /** Escalated to the regional group on the way (critical cases). */
  escalate: boolean;
  /** The region's certified mediator, for targets past consent. */
  mediatorKey: string;
  /** The partner a case referred out goes to (target `referred_out`, issue 27). */
  referralPartnerKey: string | null;
  /** The partner whose premises host the session (a House of Friendship), when it is a partner's. */
  venuePartnerKey: string | null;
  /** A partner whose members take part in the session, counted. */
  participants: { partnerKey: string; count: number } | null;
};

export type VisitPlan = {
  key: string;
  region: string;
  district: string;
  /** Poor findings push the region's risk up; calm ones leave it low. */
  poor: boolean;
  supervisor: string;
  reviewer: string;
  /** Partners of the region the visit meets (issue 27). */
  partnersMetKeys: string[];
  /** The partner that owns the visit's recommendation with the district group. */
  ownerPartnerKey: string;
};

/** A partner organisation of the Assembly's network (issue 27), with a synthetic contact person. */
export type PartnerPlan = {
  key: string;
  kind: PartnerKind;
  names: { kk: string; ru: string };
  region: string;
  district: string | null;
  communities: string[];
  contactIndex: number;
};

/** Kinds that work in a district rather than the whole region. */
const districtKinds: readonly PartnerKind[] = ['district_assembly', 'council_of_mothers'];

export type SeedPlan = {
  regions: string[];
  districts: string[];
  courses: CoursePlan[];
  mediators: MediatorPlan[];
  cases: CasePlan[];
  visits: VisitPlan[];
  partners: PartnerPlan[];
};

export const basicCourse: CoursePlan = {
  key: 'seed-course-basic',
  title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
  modules: [
    { moduleId: 'm1', title: { kk: 'Медиация қағидаттары', ru: 'Принципы медиации' }, hours: 16 },
    { moduleId: 'm2', title: { kk: 'Этносаралық қатынастар', ru: 'Межэтнические отношения' }, hours: 12 },
    { moduleId: 'm3', title: { kk: 'Келіссөздер тәжірибесі', ru: 'Практика переговоров' }, hours: 8 },
  ],
  requiredHours: 36,
  passMark: 70,
  validityMonths: 36,
};

const advancedCourse: CoursePlan = {
  key: 'seed-course-advanced',
  title: { kk: 'Топтық қақтығыстардағы медиация', ru: 'Медиация в групповых конфликтах' },
  modules: [
    { moduleId: 'm1', title: { kk: 'Топтық динамика', ru: 'Групповая динамика' }, hours: 10 },
    { moduleId: 'm2', title: { kk: 'Қоғамдық диалог', ru: 'Общественный диалог' }, hours: 10 },
  ],
  requiredHours: 20,
  passMark: 75,
  validityMonths: 24,
};

/** The targets a case reaches through a mediation session. */
const sessionTargets: readonly CaseTarget[] = ['in_mediation', 'outcome', 'closed'];

const partnerKey = (region: string, kind: PartnerKind) => `seed-partner-${region}-${kind}`;

export type Territory = { regions: readonly Region[]; districtsOf: (region: string) => readonly District[] };

/** The plan over `regionCount` regions spread across the country (every region has districts). */
export function buildSeedPlan(territory: Territory, regionCount = 6, casesPerRegion = 4): SeedPlan {
  const withDistricts = territory.regions.filter((r) => territory.districtsOf(r.kato).length > 0);
  const step = Math.max(1, Math.floor(withDistricts.length / regionCount));
  const chosen = Array.from({ length: Math.min(regionCount, withDistricts.length) }, (_, i) => {
    const region = withDistricts[(i * step) % withDistricts.length]!;
    return { region: region.kato, district: territory.districtsOf(region.kato)[0]!.kato };
  });
  const mediators: MediatorPlan[] = [];
  const cases: CasePlan[] = [];
  const visits: VisitPlan[] = [];
  const partners: PartnerPlan[] = [];
  chosen.forEach(({ region, district }, r) => {
    const regionOf = territory.regions.find((candidate) => candidate.kato === region)!;
    const districtOf = territory.districtsOf(region).find((candidate) => candidate.kato === district)!;
    partnerKinds.values.forEach((kind, k) => {
      const { names, communities } = partnerNaming(kind, regionOf, districtOf, r);
      partners.push({
        key: partnerKey(region, kind),
        kind,
        names,
        region,
        district: districtKinds.includes(kind) ? district : null,
        communities,
        contactIndex: 100 + r * partnerKinds.values.length + k,
      });
    });
    for (const [n, certified] of [
      [1, true],
      [2, false],
    ] as const) {
      mediators.push({
        key: `seed-mediator-${region}-${n}`,
        userId: `seed-mediator-${region}-${n}`,
        nameIndex: r * 2 + n,
        homeRegion: region,
        languages: ['kk', 'ru'],
        certified,
      });
    }
    for (let k = 0; k < casesPerRegion; k += 1) {
      const i = r * casesPerRegion + k;
      const urgency = urgencies[i % urgencies.length]!;
      const first = nameOrigins[i % nameOrigins.length]!;
      const second = nameOrigins[(i + 1) % nameOrigins.length]!;
      const target = caseTargets[i % caseTargets.length]!;
      // Some of the cases that reach a session hold it at the region's House of Friendship, with
      // two members of the council of elders taking part.
      const atHouse = k % 2 === 0 && sessionTargets.includes(target);
      cases.push({
        key: `seed-case-${region}-${k + 1}`,
        region,
        district,
        urgency,
        category: categories[i % categories.length]!,
        language: i % 2 === 0 ? 'kk' : 'ru',
        partyOrigins: [first, second],
        nameIndex: i * 2,
        target,
        escalate: urgency === 'critical',
        mediatorKey: `seed-mediator-${region}-1`,
        referralPartnerKey: null,
        venuePartnerKey: atHouse ? partnerKey(region, 'house_of_friendship') : null,
        participants: atHouse ? { partnerKey: partnerKey(region, 'council_of_elders'), count: 2 } : null,
      });
    }
    // A case for the Assembly's own network: referred at screening to the council of elders or
    // an ethnocultural association of the region.
    const i = chosen.length * casesPerRegion + r;
    cases.push({
      key: `seed-case-${region}-referral`,
      region,
      district,
      urgency: 'low',
      category: r % 2 === 0 ? 'family' : 'language',
      language: r % 2 === 0 ? 'kk' : 'ru',
      partyOrigins: [nameOrigins[i % nameOrigins.length]!, nameOrigins[(i + 1) % nameOrigins.length]!],
      nameIndex: i * 2,
      target: 'referred_out',
      escalate: false,
      mediatorKey: `seed-mediator-${region}-1`,
      referralPartnerKey: partnerKey(region, r % 2 === 0 ? 'council_of_elders' : 'ethnocultural_association'),
      venuePartnerKey: null,
      participants: null,
    });
    if (r < 3) {
      visits.push({
        key: `seed-visit-${region}`,
        region,
        district,
        poor: r === 0,
        supervisor: `seed-supervisor-${region}-a`,
        reviewer: `seed-supervisor-${region}-b`,
        partnersMetKeys: [partnerKey(region, 'house_of_friendship'), partnerKey(region, 'council_of_elders')],
        ownerPartnerKey: partnerKey(region, r === 0 ? 'council_of_elders' : 'house_of_friendship'),
      });
    }
  });
  return {
    regions: chosen.map((c) => c.region),
    districts: chosen.map((c) => c.district),
    courses: [basicCourse, advancedCourse],
    mediators,
    cases,
    visits,
    partners,
  };
}

/** Where a target state lies on the way, to skip the steps a previous run already took. */
export function progressOf(status: string): number {
  const order = [
    'registered',
    'screening',
    'awaiting_consent',
    'assigned',
    'in_mediation',
    'outcome',
    'closed',
  ];
  const index = order.indexOf(status);
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}

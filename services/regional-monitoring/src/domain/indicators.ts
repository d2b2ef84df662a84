// The catalogue of indicators a visit's findings are scored on (DESIGN.md §5). A default set ships
// with the service; an administrator edits it. Each finding scores an indicator 0..4: for an
// escalating indicator 4 is the most tension, for a calming one 4 is the most calm.
import {
  type IndicatorDirection,
  maxIndicatorScore,
} from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { Labels } from '@kelisim/contracts/reference/vocabulary';
import { ConflictError } from '@kelisim/service-kit/errors';

export type Indicator = {
  code: string;
  labels: Labels;
  direction: IndicatorDirection;
  /** Relative weight in the findings score, 0..1. */
  weight: number;
  /** Retired indicators stay readable on old visits but take no new findings. */
  active: boolean;
};

const indicator = (code: string, direction: IndicatorDirection, weight: number, kk: string, ru: string) => ({
  code,
  labels: { kk, ru },
  direction,
  weight,
  active: true,
});

export const defaultIndicators: readonly Indicator[] = [
  indicator('incidents_reported', 'escalating', 1, 'тіркелген оқиғалар', 'зарегистрированные инциденты'),
  indicator(
    'rumours',
    'escalating',
    0.6,
    'өсек-аяң мен арандатушылық қауесеттер',
    'слухи и провокационные домыслы',
  ),
  indicator('online_hostility', 'escalating', 0.7, 'интернеттегі өшпенділік', 'враждебность в интернете'),
  indicator(
    'land_and_resource_disputes',
    'escalating',
    0.7,
    'жер және ресурс дауылары',
    'споры о земле и ресурсах',
  ),
  indicator(
    'labour_tensions',
    'escalating',
    0.5,
    'еңбек қатынастарындағы шиеленіс',
    'напряжённость в трудовых отношениях',
  ),
  indicator(
    'youth_group_clashes',
    'escalating',
    0.8,
    'жастар топтарының қақтығыстары',
    'столкновения молодёжных групп',
  ),
  indicator(
    'language_grievances',
    'escalating',
    0.4,
    'тілге қатысты наразылықтар',
    'недовольство по языковым вопросам',
  ),
  indicator(
    'joint_community_events',
    'calming',
    0.6,
    'бірлескен қоғамдық іс-шаралар',
    'совместные общественные мероприятия',
  ),
  indicator(
    'trust_in_local_mediation',
    'calming',
    0.8,
    'жергілікті медиацияға сенім',
    'доверие к местной медиации',
  ),
  indicator(
    'interethnic_councils_active',
    'calming',
    0.5,
    'этносаралық кеңестердің белсенділігі',
    'активность межэтнических советов',
  ),
  indicator(
    'local_authority_responsiveness',
    'calming',
    0.6,
    'жергілікті биліктің жауап беруі',
    'отзывчивость местной власти',
  ),
  indicator(
    'mixed_neighbourhood_cohesion',
    'calming',
    0.5,
    'аралас тұрғын аудандардың ынтымағы',
    'сплочённость смешанных кварталов',
  ),
];

export type IndicatorChange = Partial<Pick<Indicator, 'labels' | 'direction' | 'weight' | 'active'>>;

/** An administrator's edit: what is given replaces what was. */
export function editIndicator(current: Indicator, change: IndicatorChange): Indicator {
  return { ...current, ...change, code: current.code };
}

export function addIndicator(existing: Indicator | null, created: Indicator): Indicator {
  if (existing)
    throw new ConflictError(`Indicator ${created.code} already exists.`, { code: 'indicator.exists' });
  return created;
}

/** How tense a score on one indicator is, 0 calm .. 1 most tense, whatever its direction. */
export function tensionOf(direction: IndicatorDirection, score: number): number {
  const share = score / maxIndicatorScore;
  return direction === 'escalating' ? share : 1 - share;
}

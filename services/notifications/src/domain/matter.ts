// What an alert is about (DESIGN.md §5): the subject of the events that raise it. A group has at
// most one open alert per matter; later events about the matter update it, and the end of the
// matter (a case closed, a certificate renewed, a recommendation completed, a risk band falling)
// resolves it.
import { createHash } from 'node:crypto';

export const matterKinds = ['case', 'certification', 'recommendation', 'region_risk'] as const;
export type MatterKind = (typeof matterKinds)[number];

export type Matter = { readonly kind: MatterKind; readonly id: string };

/** The matter as one indexed string: `case:<id>`, `region_risk:<KATO>`, ... */
export function matterKeyOf(matter: Matter): string {
  return `${matter.kind}:${matter.id}`;
}

/**
 * The alert of a matter for a group. `generation` counts the alerts the group has had about the
 * matter: a matter that ended and raises again (a reopened case escalated anew) gets a fresh
 * alert, while two instances raising the same generation at once collide on the id.
 */
export function alertIdFor(matter: Matter, groupId: string, generation: number): string {
  const key = `${matterKeyOf(matter)}|${groupId}|${generation}`;
  return `al-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** Why the system resolved a matter's alerts: the matter ended. */
export const matterEndings = {
  'case.closed.v1': 'case_closed',
  'case.declined.v1': 'case_declined',
  'case.referred-out.v1': 'case_referred_out',
  'case.withdrawn.v1': 'case_withdrawn',
  'certification.renewed.v1': 'certification_renewed',
  'certification.reinstated.v1': 'certification_reinstated',
  'recommendation.completed.v1': 'recommendation_completed',
  'region.risk-changed.v1': 'risk_lowered',
} as const;
export type MatterEndingType = keyof typeof matterEndings;
export type MatterResolution = (typeof matterEndings)[MatterEndingType];

const kindOfAggregate: Record<string, MatterKind> = {
  case: 'case',
  certification: 'certification',
  recommendation: 'recommendation',
  region: 'region_risk',
};

/**
 * The matter an event is about: its aggregate (the type's first word) and its subject, the case,
 * certification or recommendation id, or the region's KATO code for a risk change.
 */
export function matterOfEvent(type: string, subject: string): Matter {
  const kind = kindOfAggregate[type.split('.')[0] ?? ''];
  if (!kind) throw new Error(`${type} is about no matter an alert follows`);
  return { kind, id: subject };
}

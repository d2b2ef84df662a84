// The people of the flows, as tokens see them, and the steps they take through the public APIs
// that several flows share (a case ready for assignment, a certified mediator, an inbox read).
import { expect } from 'vitest';
import type { Actor, ApiClient } from './api-client.ts';

export const republic = 'grp-kz';
export const coordinatorsGroup = 'grp-coordinators';
export const groupOf = (kato: string) => `grp-${kato}`;

export const admin: Actor = { sub: 'e2e-admin', roles: ['admin'], regions: ['KZ'] };
export const coordinator: Actor = { sub: 'e2e-coordinator', roles: ['coordinator'], regions: ['KZ'] };
export const mediatorIn = (region: string): Actor => ({
  sub: `e2e-registrar-${region}`,
  roles: ['mediator'],
  regions: [region],
});
/** A member of a group, known to notifications through the token's `groups` claim. */
export const memberOf = (groupId: string, territory: string): Actor => ({
  sub: `e2e-member-${groupId}`,
  roles: ['group_member'],
  regions: [territory],
  groups: [groupId],
});
export const supervisor = (sub: string, region: string): Actor => ({
  sub,
  roles: ['supervisor'],
  regions: [region],
});

export type Alert = {
  alertId: string;
  groupId: string;
  status: string;
  severity: string;
  sourceType: string;
  sourceSubject: string;
  escalationLevel: number;
  escalatedToAlertId: string | null;
  details: Record<string, string | number | null>;
  message: { kk: { subject: string; text: string }; ru: { subject: string; text: string } };
};

/** The group's inbox as one of its members reads it. */
export async function inbox(api: ApiClient, groupId: string, member: Actor): Promise<Alert[]> {
  const page = await api.ok('notifications', member, 'GET', `/groups/${groupId}/alerts?limit=100`);
  return page.items as Alert[];
}

/** The alert about `subject` of type `sourceType` in the group's inbox; throws until it is there. */
export async function alertAbout(
  api: ApiClient,
  groupId: string,
  member: Actor,
  sourceType: string,
  subject: string,
): Promise<Alert> {
  const found = (await inbox(api, groupId, member)).find(
    (a) => a.sourceType === sourceType && a.sourceSubject === subject,
  );
  if (!found) throw new Error(`no ${sourceType} alert about ${subject} in ${groupId} yet`);
  return found;
}

export async function registerCase(
  api: ApiClient,
  where: { region: string; district: string },
  urgency: 'low' | 'medium' | 'high' | 'critical',
): Promise<{ caseId: string; partyIds: string[] }> {
  const created = await api.ok('case-intake', mediatorIn(where.region), 'POST', '/cases', {
    region: where.region,
    district: where.district,
    category: 'neighbourhood',
    urgency,
    riskFlags: [],
    description: 'A dispute between neighbours over a shared yard.',
    parties: [
      { kind: 'individual', role: 'claimant', language: 'kk', name: 'Айгерим Сейтқали' },
      { kind: 'individual', role: 'respondent', language: 'ru', name: 'Ольга Петренко' },
    ],
  });
  const parties = created.parties as { partyId: string }[];
  return { caseId: String(created.caseId), partyIds: parties.map((p) => p.partyId) };
}

/** A case screened, with every party's consent: all that assignment needs besides the mediator. */
export async function caseAwaitingAssignment(
  api: ApiClient,
  where: { region: string; district: string },
): Promise<string> {
  const { caseId, partyIds } = await registerCase(api, where, 'low');
  const registrar = mediatorIn(where.region);
  await api.ok('case-intake', registrar, 'POST', `/cases/${caseId}/screen`, {});
  for (const partyId of partyIds) {
    await api.ok('case-intake', registrar, 'POST', `/cases/${caseId}/record-consent`, {
      partyId,
      consented: true,
    });
  }
  return caseId;
}

export async function assign(api: ApiClient, region: string, caseId: string, mediatorId: string) {
  return api.call('case-intake', mediatorIn(region), 'POST', `/cases/${caseId}/assign`, { mediatorId });
}

export async function registerMediator(api: ApiClient, userId: string, region: string): Promise<string> {
  const mediator = await api.ok('mediator-training', coordinator, 'POST', '/mediators', {
    userId,
    name: 'Дана Оспанова',
    homeRegion: region,
    languages: ['kk', 'ru'],
  });
  return String(mediator.mediatorId);
}

/** A course taken and passed: mediator-training issues the certificate on completion. */
export async function certify(api: ApiClient, mediatorId: string, validityMonths: number): Promise<void> {
  const course = await api.ok('mediator-training', coordinator, 'POST', '/courses', {
    title: { kk: 'Этномедиация негіздері', ru: 'Основы этномедиации' },
    modules: [{ moduleId: 'm1', title: { kk: 'Кіріспе', ru: 'Введение' }, hours: 8 }],
    requiredHours: 8,
    passMark: 60,
    validityMonths,
  });
  const enrolment = await api.ok('mediator-training', coordinator, 'POST', '/enrolments', {
    mediatorId,
    courseId: course.courseId,
  });
  const path = `/enrolments/${String(enrolment.enrolmentId)}`;
  await api.ok('mediator-training', coordinator, 'POST', `${path}/attendance`, { moduleId: 'm1', hours: 8 });
  await api.ok('mediator-training', coordinator, 'POST', `${path}/assessment`, { score: 82 });
}

export function expectRefusedForCertification(answer: { status: number; json: Record<string, unknown> }) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(422);
  expect(answer.json.failedConditions).toEqual(['valid_certification']);
}

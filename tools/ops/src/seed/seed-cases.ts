// Cases across the regions, each driven through the public API to its planned state: register,
// screen, (escalate), consent, assign the region's certified mediator, a session (some at the
// region's House of Friendship with partners' members taking part), the outcome, close — or screen
// and decline, or screen and refer out to a partner of the Assembly's network. Every step first
// looks at where the case is, so a rerun (the registration replays through its Idempotency-Key)
// takes no step twice.
import { languageOfOrigin, syntheticName, syntheticPhone } from './names.ts';
import { type CasePlan, type CaseTarget, progressOf } from './plan.ts';
import { addDays, adminToken, type SeedContext, untilLearnt } from './seed-context.ts';

type CaseView = {
  caseId: string;
  caseNumber: string;
  status: string;
  escalationLevel: number;
  parties: Array<{ partyId: string; consent: unknown }>;
};

const descriptions = {
  kk: 'Көршілер арасындағы жер учаскесінің шекарасы туралы дау; тараптар тілдесуге дайын.',
  ru: 'Спор соседей о границе участка и шуме; стороны готовы к диалогу при участии медиатора.',
};
const agreements = {
  kk: 'Тараптар шекараны бірлесіп белгілеуге және дауды бейбіт жолмен шешуге келісті.',
  ru: 'Стороны договорились совместно обозначить границу и решать разногласия мирно.',
};

export async function seedCases(
  context: SeedContext,
  cases: readonly CasePlan[],
  mediatorIds: Map<string, string>,
  partnerIds: Map<string, string>,
) {
  const token = await adminToken(context);
  const counts = new Map<string, number>();
  const partnerId = (key: string) => {
    const id = partnerIds.get(key);
    if (!id) throw new Error(`the seed plan names a partner it did not register: ${key}`);
    return id;
  };
  for (const plan of cases) {
    const view = await driveCase(context, token, plan, mediatorIds.get(plan.mediatorKey)!, partnerId);
    counts.set(view.status, (counts.get(view.status) ?? 0) + 1);
  }
  const summary = [...counts].map(([status, n]) => `${status} ${n}`).join(', ');
  context.progress(`cases: ${cases.length} (${summary})`);
}

async function driveCase(
  context: SeedContext,
  token: string,
  plan: CasePlan,
  mediatorId: string,
  partnerId: (key: string) => string,
) {
  const api = context.apis.cases;
  let view = await api.post<CaseView>('/cases', {
    token,
    idempotencyKey: plan.key,
    body: {
      region: plan.region,
      district: plan.district,
      category: plan.category,
      urgency: plan.urgency,
      riskFlags: plan.urgency === 'critical' ? ['large_group'] : [],
      description: descriptions[plan.language],
      parties: plan.partyOrigins.map((origin, i) => ({
        kind: 'individual',
        role: i === 0 ? 'claimant' : 'respondent',
        language: languageOfOrigin(origin),
        name: syntheticName(plan.nameIndex + i, origin),
        contacts: syntheticPhone(plan.nameIndex + i),
      })),
    },
  });
  const command = async (name: string, body: unknown = {}) => {
    view = await api.post<CaseView>(`/cases/${view.caseId}/${name}`, { token, body });
  };
  const due = (step: CaseTarget) =>
    progressOf(view.status) < progressOf(step) && progressOf(plan.target) >= progressOf(step);

  if (plan.target === 'declined') {
    if (view.status === 'registered') await command('screen');
    if (view.status === 'screening') await command('decline', { reason: 'not_interethnic' });
    return view;
  }
  if (plan.target === 'referred_out' && plan.referralPartnerKey) {
    const to = partnerId(plan.referralPartnerKey);
    if (view.status === 'registered') await command('screen');
    if (view.status === 'screening') {
      await untilLearnt(context, ['partner.unknown'], () =>
        command('refer-out', { reason: 'other_competence', referredTo: 'partner', partnerId: to }),
      );
    }
    return view;
  }
  if (due('screening')) await command('screen');
  if (plan.escalate && view.escalationLevel < 2 && progressOf(view.status) < progressOf('closed')) {
    await command('escalate', { level: 2, reason: 'violence_risk' });
  }
  if (progressOf(plan.target) >= progressOf('awaiting_consent')) {
    for (const party of view.parties) {
      if (party.consent === null && progressOf(view.status) <= progressOf('awaiting_consent')) {
        await command('record-consent', { partyId: party.partyId, consented: true });
      }
    }
  }
  if (due('assigned')) {
    await untilLearnt(context, ['assignment.refused'], () => command('assign', { mediatorId }));
  }
  if (due('in_mediation')) {
    const { venuePartnerKey, participants } = plan;
    await untilLearnt(context, ['partner.unknown'], () =>
      command('record-session', {
        kind: 'joint',
        heldOn: context.today,
        durationMinutes: 90,
        attendeePartyIds: view.parties.map((p) => p.partyId),
        ...(venuePartnerKey ? { venuePartnerId: partnerId(venuePartnerKey) } : {}),
        ...(participants
          ? {
              partnerParticipants: [
                { partnerId: partnerId(participants.partnerKey), count: participants.count },
              ],
            }
          : {}),
      }),
    );
  }
  if (due('outcome')) {
    await command('record-outcome', {
      outcome: 'agreement',
      agreement: agreements[plan.language],
      followUpDue: addDays(context.today, 30),
    });
  }
  if (due('closed')) await command('close');
  return view;
}

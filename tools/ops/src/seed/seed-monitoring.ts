// Monitoring visits, each planned, carried out (meeting the region's House of Friendship and
// council of elders), submitted and approved by supervisors of its region (the reviewer is not on
// the team), and a recommendation to the district group and a partner of the region. One visit has
// poor findings, which raises its region's risk. Steps look at the visit's status first.
import { isProblem } from './api-client.ts';
import type { VisitPlan } from './plan.ts';
import { addDays, type SeedContext, untilLearnt } from './seed-context.ts';

type Visit = { id: string; status: string };

// Fixed dates: the Idempotency-Key of a visit replays only with the same body.
const planned = { plannedFrom: '2026-11-02', plannedTo: '2026-11-04' };
const visited = { visitedFrom: '2026-11-02', visitedTo: '2026-11-03' };

const texts = {
  poor: {
    assessment: 'Напряжённость растёт: слухи в мессенджерах, споры о пастбищах, инциденты у рынка.',
    recommendation: 'Провести встречу старейшин и молодёжи; опровергнуть слухи через акимат и СМИ.',
  },
  calm: {
    assessment: 'Жағдай тұрақты: қоғамдық кеңес белсенді, оқиғалар тіркелген жоқ.',
    recommendation: 'Мектептерде тілдер мен мәдениеттер апталығын өткізу.',
  },
};

export async function seedMonitoring(
  context: SeedContext,
  visits: readonly VisitPlan[],
  partnerIds: Map<string, string>,
) {
  const partnerId = (key: string) => {
    const id = partnerIds.get(key);
    if (!id) throw new Error(`the seed plan names a partner it did not register: ${key}`);
    return id;
  };
  let recommendations = 0;
  for (const plan of visits) {
    const region = [plan.region];
    const lead = await context.tokens.token({ sub: plan.supervisor, roles: ['supervisor'], regions: region });
    const reviewer = await context.tokens.token({
      sub: plan.reviewer,
      roles: ['supervisor'],
      regions: region,
    });
    const api = context.apis.monitoring;
    let visit = await api.post<Visit>('/visits', {
      token: lead,
      idempotencyKey: plan.key,
      body: { region: plan.region, districts: [plan.district], ...planned, team: [plan.supervisor] },
    });
    if (visit.status === 'planned')
      visit = await api.post<Visit>(`/visits/${visit.id}/start`, { token: lead });
    const text = plan.poor ? texts.poor : texts.calm;
    if (visit.status === 'in_progress') {
      const scores = plan.poor ? [4, 4, 3] : [0, 1, 0];
      const started = visit;
      await untilLearnt(context, ['partner.unknown'], async () => {
        visit = await api.post<Visit>(`/visits/${started.id}/submit`, {
          token: lead,
          body: {
            ...visited,
            findings: ['incidents_reported', 'rumours', 'online_hostility'].map((indicator, i) => ({
              indicator,
              score: scores[i],
            })),
            partnersMet: plan.partnersMetKeys.map(partnerId),
            overallAssessment: text.assessment,
          },
        });
      });
    }
    if (visit.status === 'submitted') {
      visit = await api.post<Visit>(`/visits/${visit.id}/review`, {
        token: reviewer,
        body: { decision: 'approved', comment: 'Выводы обоснованы.' },
      });
    }
    try {
      await api.post(`/visits/${visit.id}/recommendations`, {
        token: lead,
        idempotencyKey: `${plan.key}-recommendation`,
        body: {
          district: plan.district,
          ownerGroupId: `grp-${plan.district}`,
          ownerPartnerId: partnerId(plan.ownerPartnerKey),
          dueDate: addDays(context.today, plan.poor ? 7 : 30),
          priority: plan.poor ? 'high' : 'medium',
          indicator: 'rumours',
          text: text.recommendation,
        },
      });
    } catch (error) {
      // A rerun on another day has another due date: the key was used already, so it exists.
      if (!isProblem(error, 422, 'idempotency_key_reused')) throw error;
    }
    recommendations += 1;
  }
  context.progress(`monitoring: ${visits.length} visits approved, ${recommendations} recommendations`);
}

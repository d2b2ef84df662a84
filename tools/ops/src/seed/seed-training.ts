// Courses, mediators and their training: a certified mediator per region (every module attended,
// a passing assessment: the service certifies on completion) and an uncertified one (enrolled,
// half way through). Creations carry deterministic Idempotency-Keys; the steps after them look
// at the enrolment first, so a rerun adds nothing.
import { syntheticName, syntheticPhone } from './names.ts';
import type { CoursePlan, MediatorPlan } from './plan.ts';
import { adminToken, type SeedContext } from './seed-context.ts';

type Enrolment = {
  enrolmentId: string;
  status: 'enrolled' | 'completed' | 'failed';
  attendance: Array<{ moduleId: string; hours: number }>;
  score: number | null;
  certificationId: string | null;
};

export async function seedCourses(context: SeedContext, courses: readonly CoursePlan[]) {
  const token = await adminToken(context);
  const ids = new Map<string, string>();
  for (const { key, ...course } of courses) {
    const created = await context.apis.training.post<{ courseId: string }>('/courses', {
      token,
      idempotencyKey: key,
      body: course,
    });
    ids.set(key, created.courseId);
  }
  context.progress(`courses: ${ids.size}`);
  return ids;
}

export async function seedMediators(
  context: SeedContext,
  mediators: readonly MediatorPlan[],
  course: CoursePlan,
  courseId: string,
) {
  const token = await adminToken(context);
  const ids = new Map<string, string>();
  for (const mediator of mediators) {
    const created = await context.apis.training.post<{ mediatorId: string }>('/mediators', {
      token,
      idempotencyKey: mediator.key,
      body: {
        userId: mediator.userId,
        name: syntheticName(mediator.nameIndex),
        contacts: { phone: syntheticPhone(mediator.nameIndex) },
        homeRegion: mediator.homeRegion,
        regions: [mediator.homeRegion],
        languages: mediator.languages,
        specialisations: ['neighbourhood', 'language', 'land_and_property'],
      },
    });
    ids.set(mediator.key, created.mediatorId);
    await train(context, token, mediator, created.mediatorId, course, courseId);
  }
  const certified = mediators.filter((m) => m.certified).length;
  context.progress(`mediators: ${ids.size} (${certified} certified, ${ids.size - certified} in training)`);
  return ids;
}

async function train(
  context: SeedContext,
  token: string,
  mediator: MediatorPlan,
  mediatorId: string,
  course: CoursePlan,
  courseId: string,
) {
  const api = context.apis.training;
  let enrolment = await api.post<Enrolment>('/enrolments', {
    token,
    idempotencyKey: `${mediator.key}-${course.key}`,
    body: { mediatorId, courseId },
  });
  if (enrolment.status !== 'enrolled') return;
  const modules = mediator.certified ? course.modules : course.modules.slice(0, 1);
  for (const module of modules) {
    const attended = enrolment.attendance.find((a) => a.moduleId === module.moduleId)?.hours ?? 0;
    if (attended >= module.hours) continue;
    enrolment = await api.post<Enrolment>(`/enrolments/${enrolment.enrolmentId}/attendance`, {
      token,
      body: { moduleId: module.moduleId, hours: module.hours },
    });
  }
  if (mediator.certified && enrolment.score === null) {
    await api.post(`/enrolments/${enrolment.enrolmentId}/assessment`, { token, body: { score: 88 } });
  }
}

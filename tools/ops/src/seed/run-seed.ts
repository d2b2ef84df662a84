// The whole demo data set, in dependency order: groups, partners, courses, mediators (certified ones first
// reach case-intake through the bus), cases, visits and recommendations.
import { districtsOf, regions } from '@kelisim/contracts/reference/regions';
import { buildSeedPlan } from './plan.ts';
import { seedCases } from './seed-cases.ts';
import type { SeedContext } from './seed-context.ts';
import { seedDirectory } from './seed-directory.ts';
import { seedMonitoring } from './seed-monitoring.ts';
import { seedPartners } from './seed-partners.ts';
import { seedCourses, seedMediators } from './seed-training.ts';

export async function runSeed(context: SeedContext): Promise<void> {
  const plan = buildSeedPlan({ regions, districtsOf });
  context.progress(
    `plan: ${plan.regions.length} regions, ${plan.partners.length} partners, ${plan.cases.length} cases, ${plan.visits.length} visits`,
  );
  await seedDirectory(context, plan.districts);
  const partnerIds = await seedPartners(context, plan.partners);
  const courseIds = await seedCourses(context, plan.courses);
  const [basic] = plan.courses;
  const mediatorIds = await seedMediators(context, plan.mediators, basic!, courseIds.get(basic!.key)!);
  // Different services: monitoring proceeds while cases wait for case-intake to learn of the
  // certifications.
  await Promise.all([
    seedCases(context, plan.cases, mediatorIds, partnerIds),
    seedMonitoring(context, plan.visits, partnerIds),
  ]);
}

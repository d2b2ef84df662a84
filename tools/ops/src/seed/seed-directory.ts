// The groups directory: the republican group, every region's group (from the contracts' regions)
// and the district groups of the districts the demo cases are in. The service's seed is
// idempotent: group ids follow the KATO codes.
import { adminToken, type SeedContext } from './seed-context.ts';

export async function seedDirectory(context: SeedContext, districts: readonly string[]): Promise<void> {
  const token = await adminToken(context);
  await context.apis.notifications.post('/groups/seed', { token, body: { districts } });
  const page = await context.apis.notifications.get<{ items: unknown[] }>('/groups?limit=100', token);
  context.progress(
    `groups directory: ${page.items.length} groups (republic, regions, ${districts.length} districts)`,
  );
}

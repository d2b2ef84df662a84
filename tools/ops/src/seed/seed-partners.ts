// The partner directory (issue 27): every kind of partner of the Assembly's network in each demo
// region, registered in mediator-training with deterministic Idempotency-Keys, so that a rerun
// adds nothing. The contact persons are synthetic.
import { syntheticName, syntheticPhone } from './names.ts';
import type { PartnerPlan } from './plan.ts';
import { adminToken, type SeedContext } from './seed-context.ts';

export async function seedPartners(context: SeedContext, partners: readonly PartnerPlan[]) {
  const token = await adminToken(context);
  const ids = new Map<string, string>();
  for (const { key, contactIndex, ...partner } of partners) {
    const created = await context.apis.training.post<{ partnerId: string }>('/partners', {
      token,
      idempotencyKey: key,
      body: {
        ...partner,
        contactPerson: { name: syntheticName(contactIndex), phone: syntheticPhone(contactIndex) },
      },
    });
    ids.set(key, created.partnerId);
  }
  const kinds = new Set(partners.map((p) => p.kind)).size;
  context.progress(`partners: ${ids.size} (${kinds} kinds)`);
  return ids;
}

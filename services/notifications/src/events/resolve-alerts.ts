// When the matter an alert is about ends (a case closed, declined, referred out or withdrawn; a
// certificate renewed or reinstated; a recommendation completed; a region's risk band falling),
// its open alerts in every group are resolved by the system (`resolvedBy: null`, the ending's
// code), and their chains stop escalating. Idempotent: a resolved alert is left alone, and an
// alert raised after the ending (a reopened case escalated anew) is not this ending's to resolve.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { newEventId } from '@kelisim/contracts/envelope';
import { resolve } from '../domain/alert.ts';
import { type MatterEndingType, matterEndings, matterKeyOf, matterOfEvent } from '../domain/matter.ts';
import { alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { AlertingDeps } from './raise-alerts.ts';

/** Returns the number of alerts resolved. */
export async function resolveMatter(
  event: EventEnvelope & { type: MatterEndingType },
  deps: Pick<AlertingDeps, 'alerts' | 'committed' | 'clock'>,
): Promise<number> {
  const runner = alertRunner(deps.alerts, deps.committed);
  const matter = matterOfEvent(event.type, event.subject);
  const resolution = matterEndings[event.type];
  const endedAt = new Date(event.time);
  let resolved = 0;
  for (const alert of await deps.alerts.openOfMatter(matterKeyOf(matter))) {
    if (alert.occurredAt.getTime() > endedAt.getTime()) continue;
    const now = deps.clock();
    const ctx = {
      now,
      newId: newEventId,
      correlationId: event.correlationid,
      causationId: event.id,
      actor: 'system:matter-ended',
    };
    let changed = false;
    const stored = await runner.run({
      id: alert.alertId,
      now,
      decide: (state) => {
        changed = state.status !== 'resolved';
        return orUnchanged(
          state,
          changed
            ? resolve(
                state,
                { userId: null, resolution, matterEnded: { type: event.type, at: endedAt } },
                ctx,
              )
            : null,
        );
      },
    });
    await deps.alerts.markChainAcknowledged(stored.chainId, 'critical', now);
    if (changed) resolved += 1;
  }
  return resolved;
}

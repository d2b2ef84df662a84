// When the thing an alert is about is over (the case closed or withdrawn, the recommendation
// completed), its open alerts are resolved by the system (`resolvedBy: null`, `source_closed`),
// and their chains stop escalating. Idempotent: a resolved alert is left alone.

import type { EventEnvelope } from '@kelisim/contracts/envelope';
import { newEventId } from '@kelisim/contracts/envelope';
import { resolve } from '../domain/alert.ts';
import { alertRunner, orUnchanged } from '../store/alert-commands.ts';
import type { AlertingDeps } from './raise-alerts.ts';

/** Returns the number of alerts resolved. */
export async function resolveAlertsAbout(
  event: EventEnvelope,
  sourceTypes: readonly string[],
  deps: Pick<AlertingDeps, 'alerts' | 'committed' | 'clock'>,
): Promise<number> {
  const runner = alertRunner(deps.alerts, deps.committed);
  let resolved = 0;
  for (const alert of await deps.alerts.unresolvedFor(event.subject, sourceTypes)) {
    const now = deps.clock();
    const ctx = {
      now,
      newId: newEventId,
      correlationId: event.correlationid,
      causationId: event.id,
      actor: 'system:source-closed',
    };
    const changed = await runner.run({
      id: alert.alertId,
      now,
      decide: (state) =>
        orUnchanged(
          state,
          state.status === 'resolved'
            ? null
            : resolve(state, { userId: null, resolution: 'source_closed' }, ctx),
        ),
    });
    await deps.alerts.markChainAcknowledged(changed.chainId, now);
    resolved += 1;
  }
  return resolved;
}

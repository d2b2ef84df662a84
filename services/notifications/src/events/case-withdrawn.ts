import type { EventHandler } from '@kelisim/service-kit/consumer';
import { caseAlertSources } from './case-closed.ts';
import type { AlertingDeps } from './raise-alerts.ts';
import { resolveAlertsAbout } from './resolve-alerts.ts';

// A withdrawn case, like a closed one, resolves its open alerts.
export function onCaseWithdrawn(deps: AlertingDeps): EventHandler<'case.withdrawn.v1'> {
  return async (event, { logger }) => {
    const resolved = await resolveAlertsAbout(event, caseAlertSources, deps);
    logger.info({ caseId: event.subject, resolved }, 'case withdrawn: alerts resolved');
  };
}

import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { AlertingDeps } from './raise-alerts.ts';
import { resolveAlertsAbout } from './resolve-alerts.ts';

/** The case events whose alerts a closed or withdrawn case makes moot. */
export const caseAlertSources = ['case.registered.v1', 'case.escalated.v1', 'case.follow-up-due.v1'];

// A closed case needs no one's attention any more: its open alerts are resolved.
export function onCaseClosed(deps: AlertingDeps): EventHandler<'case.closed.v1'> {
  return async (event, { logger }) => {
    const resolved = await resolveAlertsAbout(event, caseAlertSources, deps);
    logger.info({ caseId: event.subject, resolved }, 'case closed: alerts resolved');
  };
}

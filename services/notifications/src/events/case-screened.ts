import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// Screening that finds a case critical alerts like a critical registration (flow 1); a case
// already alerted on has its alert updated, not a second one raised.
export function onCaseScreened(deps: AlertingDeps): EventHandler<'case.screened.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const raised = await raiseAlerts(
      event,
      {
        severity: data.urgency,
        region: data.region,
        district: data.district,
        escalationLevel: data.escalationLevel,
      },
      { caseNumber: data.caseNumber, category: data.category },
      deps,
    );
    logger.info({ caseId: data.caseId, raised }, 'case screened: rules applied');
  };
}

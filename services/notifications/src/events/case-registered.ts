import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// A case registered with urgency critical alerts its district's and region's groups (flow 1).
export function onCaseRegistered(deps: AlertingDeps): EventHandler<'case.registered.v1'> {
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
    logger.info({ caseId: data.caseId, raised }, 'case registered: rules applied');
  };
}

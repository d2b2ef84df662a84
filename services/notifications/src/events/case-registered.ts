import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// A case registered with urgency critical alerts its district's and region's groups (flow 1).
export function onCaseRegistered(deps: AlertingDeps): EventHandler {
  return async (event, { logger }) => {
    const data = event.data as EventData<'case.registered.v1'>;
    const raised = await raiseAlerts(
      event,
      { severity: data.urgency, region: data.region, district: data.district },
      { caseNumber: data.caseNumber, category: data.category },
      deps,
    );
    logger.info({ caseId: data.caseId, raised }, 'case registered: rules applied');
  };
}

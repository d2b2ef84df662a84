import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import { maxSeverity } from '../domain/severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// A mediator escalating a case asks the groups for help: at least high, whatever the urgency.
export function onCaseEscalated(deps: AlertingDeps): EventHandler {
  return async (event, { logger }) => {
    const data = event.data as EventData<'case.escalated.v1'>;
    const raised = await raiseAlerts(
      event,
      { severity: maxSeverity(data.urgency, 'high'), region: data.region, district: data.district },
      {
        caseNumber: data.caseNumber,
        category: data.category,
        escalationLevel: data.escalationLevel,
        reason: data.reason,
      },
      deps,
    );
    logger.info({ caseId: data.caseId, raised }, 'case escalated: rules applied');
  };
}

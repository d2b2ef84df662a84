import type { EventHandler } from '@kelisim/service-kit/consumer';
import { escalatedCaseSeverity } from '../domain/event-severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// An escalated case alerts its district's and region's groups (DESIGN.md flow 1).
export function onCaseEscalated(deps: AlertingDeps): EventHandler<'case.escalated.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const raised = await raiseAlerts(
      event,
      { severity: escalatedCaseSeverity(data.urgency), region: data.region, district: data.district },
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

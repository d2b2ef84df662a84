import type { EventHandler } from '@kelisim/service-kit/consumer';
import { escalatedCaseSeverity } from '../domain/event-severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// An escalated case alerts the group of its level: 1 the district's (else the region's), 2 the
// region's, 3 the republic's (DESIGN.md §5); the groups already alerted on it hear of it too.
export function onCaseEscalated(deps: AlertingDeps): EventHandler<'case.escalated.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const raised = await raiseAlerts(
      event,
      {
        severity: escalatedCaseSeverity(data.urgency),
        region: data.region,
        district: data.district,
        escalationLevel: data.escalationLevel,
      },
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

import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// An overdue recommendation goes to the group that owns it, at the recommendation's priority.
export function onRecommendationOverdue(deps: AlertingDeps): EventHandler {
  return async (event, { logger }) => {
    const data = event.data as EventData<'recommendation.overdue.v1'>;
    const raised = await raiseAlerts(
      event,
      {
        severity: data.priority,
        region: data.region,
        district: data.district,
        ownerGroupId: data.ownerGroupId,
      },
      { daysOverdue: data.daysOverdue, dueDate: data.dueDate },
      deps,
    );
    logger.info({ recommendationId: data.recommendationId, raised }, 'recommendation overdue: rules applied');
  };
}

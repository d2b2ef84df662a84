import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// An overdue recommendation goes to the group that owns it, at the recommendation's priority.
export function onRecommendationOverdue(deps: AlertingDeps): EventHandler<'recommendation.overdue.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const raised = await raiseAlerts(
      event,
      {
        severity: data.priority,
        region: data.region,
        district: data.district,
        ownerGroupId: data.ownerGroupId,
      },
      // The visit it was issued on: the console shows a recommendation on its visit's page.
      { daysOverdue: data.daysOverdue, dueDate: data.dueDate, visitId: data.visitId },
      deps,
    );
    logger.info({ recommendationId: data.recommendationId, raised }, 'recommendation overdue: rules applied');
  };
}

import type { EventHandler } from '@kelisim/service-kit/consumer';
import type { AlertingDeps } from './raise-alerts.ts';
import { resolveAlertsAbout } from './resolve-alerts.ts';

// A completed recommendation resolves its overdue alerts.
export function onRecommendationCompleted(deps: AlertingDeps): EventHandler<'recommendation.completed.v1'> {
  return async (event, { logger }) => {
    const resolved = await resolveAlertsAbout(event, ['recommendation.overdue.v1'], deps);
    logger.info({ recommendationId: event.subject, resolved }, 'recommendation completed: alerts resolved');
  };
}

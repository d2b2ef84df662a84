import type { EventHandler, EventOfType, HandlerContext } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

/** The events that state a case's urgency: its registration, and its screening. */
type UrgencyEvent = 'case.registered.v1' | 'case.screened.v1';

/**
 * A case registered or screened as critical alerts its district's and region's groups (flow 1);
 * a case already alerted on has its alert updated, not a second one raised.
 */
export function onCaseUrgency<T extends UrgencyEvent>(deps: AlertingDeps, what: string): EventHandler<T> {
  return async (event: EventOfType<UrgencyEvent>, { logger }: HandlerContext) => {
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
    logger.info({ caseId: data.caseId, raised }, `${what}: rules applied`);
  };
}

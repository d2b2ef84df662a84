import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// A follow-up that falls due is a reminder to the district (or region) group: medium.
export function onCaseFollowUpDue(deps: AlertingDeps): EventHandler<'case.follow-up-due.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const raised = await raiseAlerts(
      event,
      { severity: 'medium', region: data.region, district: data.district },
      { caseNumber: data.caseNumber, dueOn: data.dueOn },
      deps,
    );
    logger.info({ caseId: data.caseId, raised }, 'follow-up due: rules applied');
  };
}

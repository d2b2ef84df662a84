import type { EventHandler } from '@kelisim/service-kit/consumer';
import { expiredCertificationSeverity } from '../domain/event-severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// Like an expiring one: the groups of every region the mediator covers and the coordinators.
// The expiry itself blocks new assignments in case-intake; this tells the people who act on it.
export function onCertificationExpired(deps: AlertingDeps): EventHandler<'certification.expired.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const regions = (await deps.mediators.regionsOf(data.mediatorId)) ?? [event.region];
    const raised = await raiseAlerts(
      event,
      {
        severity: expiredCertificationSeverity,
        region: event.region,
        district: null,
        mediatorRegions: regions,
        mediatorId: data.mediatorId,
      },
      { validUntil: data.validUntil, mediatorId: data.mediatorId },
      deps,
    );
    logger.info({ certificationId: data.certificationId, raised }, 'certification expired: rules applied');
  };
}

import type { EventHandler } from '@kelisim/service-kit/consumer';
import { expirySeverity } from '../domain/event-severity.ts';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

// Goes to the groups of every region the mediator covers (from the mediators read model), or
// the home region (the envelope's) when the mediator's profile has not arrived yet.
export function onCertificationExpiring(deps: AlertingDeps): EventHandler<'certification.expiring.v1'> {
  return async (event, { logger }) => {
    const { data } = event;
    const regions = (await deps.mediators.regionsOf(data.mediatorId)) ?? [event.region];
    const raised = await raiseAlerts(
      event,
      {
        severity: expirySeverity(data.daysLeft),
        region: event.region,
        district: null,
        mediatorRegions: regions,
        mediatorId: data.mediatorId,
      },
      { daysLeft: data.daysLeft, validUntil: data.validUntil, mediatorId: data.mediatorId },
      deps,
    );
    logger.info({ certificationId: data.certificationId, raised }, 'certification expiring: rules applied');
  };
}

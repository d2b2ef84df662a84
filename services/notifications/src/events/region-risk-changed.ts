import type { EventData } from '@kelisim/contracts/events/catalogue';
import type { AlertSeverity } from '@kelisim/contracts/reference/alert-vocabulary';
import type { RiskBand } from '@kelisim/contracts/reference/monitoring-vocabulary';
import type { EventHandler } from '@kelisim/service-kit/consumer';
import { type AlertingDeps, raiseAlerts } from './raise-alerts.ts';

const severityOfBand: Record<RiskBand, AlertSeverity> = {
  low: 'low',
  elevated: 'medium',
  high: 'high',
  critical: 'critical',
};

// A band that rises alerts with the band's severity; a falling band is good news, severity low
// (below the default rule's minimum), so that an administrator may still subscribe to it.
export function onRegionRiskChanged(deps: AlertingDeps): EventHandler {
  return async (event, { logger }) => {
    const data = event.data as EventData<'region.risk-changed.v1'>;
    const severity = data.direction === 'rising' ? severityOfBand[data.band] : 'low';
    const raised = await raiseAlerts(
      event,
      { severity, region: data.region, district: null },
      {
        band: data.band,
        previousBand: data.previousBand,
        score: Math.round(data.score),
        drivers: data.explanation.drivers.join(','),
      },
      deps,
    );
    logger.info({ region: data.region, band: data.band, raised }, 'risk changed: rules applied');
  };
}
